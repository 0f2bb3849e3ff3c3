import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Hub } from '../../platform/hub.js';
import type { ModuleDef } from '../../platform/module.js';
import { contentRoutes, registerContentTasks } from './content/index.js';
import { mediaFileRoutes, mediaRoutes } from './media/index.js';
import { seedDemoSite } from './seed.js';

export {
  type Block,
  blockText,
  normalizePath,
  notifySiteChanged,
  type PageContent,
  type PreviewClaims,
  SITE_CHANGED_CHANNEL,
  searchConfig,
  signPreviewToken,
  verifyPreviewToken,
} from './content/index.js';
export * from './content/public-read.service.js';
export {
  forgetMediaTenant,
  forgetMediaTenants,
  type ImageSources,
  imageSources,
  type Media,
  mediaById,
} from './media/index.js';

/**
 * Content: sites, pages in a tree, blog posts, typed blocks, revisions, scheduled publishing,
 * redirects, media. The public sites that serve this content are the `sites` module's; it reads
 * published content only through what this file exports.
 */
const cmsRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, opts) => {
  for (const plugin of cmsPlugins) await app.register(plugin, { hub: opts.hub });
};

/** Route plugins of the CMS's sub-slices, mounted under /api/brain/cms (add each slice here). */
const cmsPlugins: FastifyPluginAsyncZod<{ hub: Hub }>[] = [contentRoutes, mediaRoutes];

export const cmsModule: ModuleDef = {
  name: 'cms',
  version: '0.1.0',
  description: 'Sites, pages, posts, blocks, revisions, publishing, media',
  routes: cmsRoutes,
  register(hub) {
    registerContentTasks(hub);
  },
  // Public media files: /media/<tenantId>/<mediaId>/<file>
  mounts: () => [{ prefix: '/media', routes: mediaFileRoutes }],
  // Bizoholic's demo marketing site (cms/seed.ts)
  seed: (hub) => seedDemoSite(hub),
};
