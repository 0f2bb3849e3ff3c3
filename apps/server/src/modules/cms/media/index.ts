/** Media library: uploads, image variants, alt text, storage (local or S3), public files. */
export { type ImageSources, imageSources } from './image-sources.js';
export { mediaRoutes } from './media.routes.js';
export type { Media, MediaVariant } from './media.schemas.js';
export { mediaById } from './media.service.js';
export { mediaFileRoutes } from './media-files.routes.js';
export { forgetMediaTenant, forgetMediaTenants } from './media-tenants.js';
export { importMedia } from './upload.service.js';
