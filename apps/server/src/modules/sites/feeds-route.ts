import type { TenantCtx } from '../../platform/context.js';
import { publishedPosts, sitemapEntries } from '../cms/index.js';
import { robotsTxt, rssXml, sitemapXml } from './feeds.js';
import type { RenderCtx } from './render-context.js';

/** robots.txt, sitemap.xml and the RSS feed (feed.xml) of a site; undefined for other paths. */
export async function feedsFor(ctx: TenantCtx, rc: RenderCtx, path: string) {
  switch (path) {
    case '/robots.txt':
      return { type: 'text/plain; charset=utf-8', body: robotsTxt(rc) };
    case '/sitemap.xml':
      return {
        type: 'application/xml; charset=utf-8',
        body: sitemapXml(rc, await sitemapEntries(ctx, rc.site.id)),
      };
    case '/feed.xml': {
      const posts = await publishedPosts(ctx, rc.site.id, { limit: 20, offset: 0 });
      return { type: 'application/rss+xml; charset=utf-8', body: rssXml(rc, posts.items) };
    }
    default:
      return undefined;
  }
}
