import type { ModuleDef } from '../../platform/module.js';
import { sitesRoutes } from './sites.routes.js';

export { type SitesRuntime, sitesRuntime } from './sites.routes.js';

/**
 * Public sites: each tenant's published pages and posts, server-rendered (no JavaScript needed),
 * at /sites/<tenant-slug>/ and on custom domains; feeds, sitemap, search, preview. Reads content
 * only through the CMS's published read side (cms/index.ts).
 */
export const sitesModule: ModuleDef = {
  name: 'sites',
  version: '0.1.0',
  description: 'Public sites: server-rendered pages, blog, feeds, search, custom domains, preview',
  mounts: () => [{ prefix: '', routes: sitesRoutes }],
};
