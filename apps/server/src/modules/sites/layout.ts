import { esc, safeHref } from './html.js';
import type { RenderCtx } from './render-context.js';
import { themeCss } from './theme.js';

export interface DocumentOptions {
  title: string;
  description?: string;
  /** Site path of this document, for the canonical link (omitted for search and 404). */
  canonicalPath?: string;
  /** An explicit canonical URL from the page's SEO fields. */
  canonicalUrl?: string;
  ogType?: 'website' | 'article';
  ogImage?: string;
  noindex?: boolean;
  /** Extra <head> lines (already escaped), e.g. article times, the RSS link. */
  head?: string[];
  body: string;
}

function absolute(rc: RenderCtx, src: string) {
  if (/^https?:\/\//i.test(src)) return src;
  const origin = new URL(rc.absBase).origin;
  return `${origin}${src.startsWith('/') ? '' : '/'}${src}`;
}

function header(rc: RenderCtx) {
  const theme = rc.site.theme;
  const logo =
    typeof theme.logoMediaId === 'string' && rc.media.get(theme.logoMediaId)
      ? `<img src="${esc(rc.media.get(theme.logoMediaId)!.src)}" alt="" height="40">`
      : typeof theme.logoUrl === 'string' && /^(https:\/\/|\/(?!\/))/.test(theme.logoUrl)
        ? `<img src="${esc(safeHref(theme.logoUrl, ''))}" alt="" height="40">`
        : '';
  const current = (href: string) => {
    const target = `${rc.base}${rc.path}`;
    return href === target || (rc.path !== '/' && href !== `${rc.base}/` && target.startsWith(`${href}/`))
      ? ' aria-current="page"'
      : '';
  };
  const nav = rc.site.navigation
    .map((n) => {
      const href = safeHref(n.href, rc.base);
      return `<li><a href="${esc(href)}"${current(href)}>${esc(n.label)}</a></li>`;
    })
    .join('');
  return `<header class="site"><div class="wrap">
<a class="brand" href="${esc(`${rc.base}/`)}">${logo}<span>${esc(rc.site.name)}</span></a>
${nav ? `<nav class="main" aria-label="Main"><ul>${nav}</ul></nav>` : ''}
<form class="search" role="search" action="${esc(`${rc.base}/search`)}" method="get"><label class="skip" for="site-q">Search this site</label><input id="site-q" type="search" name="q" placeholder="Search…"><button type="submit">Search</button></form>
</div></header>`;
}

function footer(rc: RenderCtx) {
  const s = rc.site.settings;
  const text =
    typeof s.footer === 'string' && s.footer
      ? esc(s.footer)
      : `© ${new Date().getUTCFullYear()} ${esc(rc.site.name)}`;
  return `<footer class="site"><div class="wrap"><p>${text}</p><p><a href="${esc(`${rc.base}/blog`)}">Blog</a> · <a href="${esc(`${rc.base}/feed.xml`)}">RSS</a> · <a href="${esc(`${rc.base}/sitemap.xml`)}">Sitemap</a></p></div></footer>`;
}

/** A whole HTML document in the site's theme: semantic landmarks, no script, inline CSS. */
export function renderDocument(rc: RenderCtx, o: DocumentOptions): string {
  const siteName = rc.site.name;
  const title = o.title === siteName ? siteName : `${o.title} · ${siteName}`;
  const description =
    o.description ?? (typeof rc.site.settings.description === 'string' ? rc.site.settings.description : '');
  const canonical =
    o.canonicalUrl && /^https?:\/\//i.test(o.canonicalUrl)
      ? o.canonicalUrl
      : o.canonicalPath !== undefined
        ? `${rc.canonicalBase}${o.canonicalPath}`
        : undefined;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    description ? `<meta name="description" content="${esc(description)}">` : '',
    o.noindex || rc.preview ? '<meta name="robots" content="noindex, nofollow">' : '',
    canonical ? `<link rel="canonical" href="${esc(canonical)}">` : '',
    `<meta property="og:site_name" content="${esc(siteName)}">`,
    `<meta property="og:title" content="${esc(o.title)}">`,
    `<meta property="og:type" content="${o.ogType ?? 'website'}">`,
    canonical ? `<meta property="og:url" content="${esc(canonical)}">` : '',
    description ? `<meta property="og:description" content="${esc(description)}">` : '',
    `<meta property="og:locale" content="${esc(rc.site.locale.replace('-', '_'))}">`,
    o.ogImage ? `<meta property="og:image" content="${esc(absolute(rc, o.ogImage))}">` : '',
    `<meta name="twitter:card" content="${o.ogImage ? 'summary_large_image' : 'summary'}">`,
    `<meta name="twitter:title" content="${esc(o.title)}">`,
    description ? `<meta name="twitter:description" content="${esc(description)}">` : '',
    o.ogImage ? `<meta name="twitter:image" content="${esc(absolute(rc, o.ogImage))}">` : '',
    `<link rel="alternate" type="application/rss+xml" title="${esc(siteName)}" href="${esc(`${rc.base}/feed.xml`)}">`,
    ...(o.head ?? []),
    `<style>${themeCss(rc.site.theme)}</style>`,
  ].filter(Boolean);
  const banner = rc.preview
    ? '<div class="preview-banner" role="status">Preview: this draft is not published</div>'
    : '';
  return `<!doctype html>
<html lang="${esc(rc.site.locale)}">
<head>
${head.join('\n')}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
${banner}${header(rc)}
<main id="main"><div class="wrap">
${o.body}
</div></main>
${footer(rc)}
</body>
</html>
`;
}
