import type { PublicPostSummary } from '../cms/index.js';
import { xmlEsc } from './html.js';
import type { RenderCtx } from './render-context.js';

/** sitemap.xml (sitemaps.org 0.9): every live page and post, and the blog index. */
export function sitemapXml(
  rc: RenderCtx,
  entries: { path: string; updatedAt: string; kind: string }[],
): string {
  const seen = new Set<string>();
  const urls: string[] = [];
  const add = (path: string, lastmod?: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    urls.push(
      `<url><loc>${xmlEsc(`${rc.canonicalBase}${path}`)}</loc>${lastmod ? `<lastmod>${xmlEsc(lastmod)}</lastmod>` : ''}</url>`,
    );
  };
  for (const e of entries) add(e.path, e.updatedAt);
  if (entries.some((e) => e.kind === 'post')) add('/blog');
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join('\n')}
</urlset>
`;
}

/** robots.txt: everything may be crawled except search results; where the sitemap is. */
export function robotsTxt(rc: RenderCtx): string {
  return `User-agent: *
Allow: /
Disallow: ${rc.base}/search

Sitemap: ${rc.absBase}/sitemap.xml
`;
}

/** RSS 2.0 of the newest posts. */
export function rssXml(rc: RenderCtx, posts: PublicPostSummary[]): string {
  const site = rc.site;
  const description =
    typeof site.settings.description === 'string' && site.settings.description
      ? site.settings.description
      : typeof site.settings.tagline === 'string' && site.settings.tagline
        ? site.settings.tagline
        : `News from ${site.name}`;
  const items = posts.map((p) => {
    const link = `${rc.canonicalBase}${p.path}`;
    return `<item>
<title>${xmlEsc(p.title)}</title>
<link>${xmlEsc(link)}</link>
<guid isPermaLink="true">${xmlEsc(link)}</guid>
${p.date ? `<pubDate>${new Date(p.date).toUTCString()}</pubDate>` : ''}
${p.authorName ? `<dc:creator>${xmlEsc(p.authorName)}</dc:creator>` : ''}
${p.tags.map((t) => `<category>${xmlEsc(t)}</category>`).join('')}
<description>${xmlEsc(p.excerpt)}</description>
</item>`;
  });
  const newest = posts[0]?.date;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
<title>${xmlEsc(site.name)}</title>
<link>${xmlEsc(`${rc.canonicalBase}/blog`)}</link>
<description>${xmlEsc(description)}</description>
<language>${xmlEsc(site.locale)}</language>
<atom:link href="${xmlEsc(`${rc.absBase}/feed.xml`)}" rel="self" type="application/rss+xml"/>
${newest ? `<lastBuildDate>${new Date(newest).toUTCString()}</lastBuildDate>` : ''}
${items.join('\n')}
</channel>
</rss>
`;
}
