import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Hub } from '../../../platform/hub.js';
import { pageRoutes } from './pages.routes.js';
import { redirectRoutes } from './redirects.routes.js';
import { revisionRoutes } from './revisions.routes.js';
import { siteRoutes } from './sites.routes.js';
import { taxonomyRoutes } from './taxonomy.routes.js';

export { blockText, contentBodyText } from './block-text.js';
export type { Block, PageContent } from './blocks.schemas.js';
export { normalizePath, searchConfig } from './common.js';
export { registerContentTasks } from './content.tasks.js';
export { type PreviewClaims, signPreviewToken, verifyPreviewToken } from './preview-token.js';
export { sanitizeRichText } from './sanitize.js';
export { notifySiteChanged, SITE_CHANGED_CHANNEL } from './site-changes.js';

/** Sites, pages, posts, blocks, revisions, publishing, redirects: routes under /api/brain/cms. */
export const contentRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, opts) => {
  for (const plugin of [siteRoutes, pageRoutes, revisionRoutes, taxonomyRoutes, redirectRoutes])
    await app.register(plugin, { hub: opts.hub });
};
