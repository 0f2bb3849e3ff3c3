import type { PublicPage, PublicPostSummary } from '../cms/index.js';
import { SNIPPET_MARKS } from '../cms/index.js';
import { img, renderBlocks } from './blocks.js';
import { decodeEntities, esc, formatDate, stripTags, truncate } from './html.js';
import { renderDocument } from './layout.js';
import type { RenderCtx } from './render-context.js';

export const POSTS_PER_PAGE = 10;

const firstText = (page: PublicPage) => {
  const blocks = Array.isArray(page.content.blocks) ? page.content.blocks : [];
  for (const b of blocks) {
    if (b.type === 'richText' && typeof b.html === 'string') return truncate(stripTags(b.html), 200);
    if (b.type === 'cta' && typeof b.text === 'string') return truncate(b.text, 200);
  }
  return undefined;
};

function seoOf(rc: RenderCtx, page: PublicPage) {
  const c = page.content;
  const seo = c.seo ?? {};
  const ogMedia =
    seo.ogImageMediaId ?? c.coverMediaId ?? (rc.site.settings.ogImageMediaId as string | undefined);
  return {
    title: seo.title || c.title,
    description: seo.description || c.excerpt || firstText(page),
    canonicalUrl: seo.canonicalUrl,
    ogImage: ogMedia ? rc.media.get(ogMedia)?.src : undefined,
  };
}

/** A page: its blocks; an <h1> with the title unless the first block already is one. */
export function pageView(rc: RenderCtx, page: PublicPage): string {
  const blocks = Array.isArray(page.content.blocks) ? page.content.blocks : [];
  const first = blocks[0];
  const hasH1 = first?.type === 'heading' && first.level === 1;
  const seo = seoOf(rc, page);
  const body = `<article class="page">${hasH1 ? '' : `<h1>${esc(page.content.title)}</h1>`}
${renderBlocks(rc, blocks)}
</article>`;
  return renderDocument(rc, { ...seo, canonicalPath: page.path, body });
}

const tagHref = (rc: RenderCtx, tag: string) => `${rc.base}/blog/tag/${encodeURIComponent(tag)}`;

/** A blog post: title, author and date, cover, blocks, categories and tags, the author's bio. */
export function postView(rc: RenderCtx, page: PublicPage): string {
  const c = page.content;
  const seo = seoOf(rc, page);
  const date = page.firstPublishedAt ?? page.publishedAt;
  const by = page.author ? ` by <span class="author-name">${esc(page.author.name)}</span>` : '';
  const cats = page.categories.length
    ? `<p class="meta">Filed under ${page.categories
        .map((cat) => `<a href="${esc(`${rc.base}/blog/category/${cat.slug}`)}">${esc(cat.name)}</a>`)
        .join(', ')}</p>`
    : '';
  const tags = page.tags.length
    ? `<ul class="tags" aria-label="Tags">${page.tags.map((t) => `<li><a href="${esc(tagHref(rc, t))}" rel="tag">#${esc(t)}</a></li>`).join('')}</ul>`
    : '';
  const bio = page.author?.bio
    ? `<aside class="author" aria-label="About the author"><h2>About ${esc(page.author.name)}</h2><p>${esc(page.author.bio)}</p></aside>`
    : '';
  const cover = img(rc, c.coverMediaId, undefined, { eager: true });
  const body = `<article class="post narrow">
<header><p class="meta"><a href="${esc(`${rc.base}/blog`)}">Blog</a></p><h1>${esc(c.title)}</h1>
<p class="meta">${date ? `<time datetime="${esc(date)}">${esc(formatDate(date, rc.site.locale))}</time>` : ''}${by}</p></header>
${cover ? `<figure>${cover}</figure>` : ''}
${renderBlocks(rc, c.blocks)}
<footer>${cats}${tags}</footer>
${bio}
</article>`;
  const head = [
    date ? `<meta property="article:published_time" content="${esc(date)}">` : '',
    page.author ? `<meta name="author" content="${esc(page.author.name)}">` : '',
    ...page.tags.map((t) => `<meta property="article:tag" content="${esc(t)}">`),
  ];
  return renderDocument(rc, { ...seo, canonicalPath: page.path, ogType: 'article', head, body });
}

function postCard(rc: RenderCtx, p: PublicPostSummary) {
  const cover = img(rc, p.coverMediaId, undefined, { sizes: '(max-width: 40rem) 100vw, 22rem' });
  const href = `${rc.base}${p.path}`;
  return `<li><article>${cover ? `<a href="${esc(href)}" tabindex="-1" aria-hidden="true">${cover}</a>` : ''}
<h2><a href="${esc(href)}">${esc(p.title)}</a></h2>
<p class="meta">${p.date ? `<time datetime="${esc(p.date)}">${esc(formatDate(p.date, rc.site.locale))}</time>` : ''}${p.authorName ? ` · ${esc(p.authorName)}` : ''}</p>
${p.excerpt ? `<p>${esc(p.excerpt)}</p>` : ''}</article></li>`;
}

export interface ListingOptions {
  heading: string;
  intro?: string;
  /** Site path of the listing's first page, e.g. /blog or /blog/category/seo. */
  listPath: string;
  page: number;
  items: PublicPostSummary[];
  total: number;
}

/** The blog index, a category or a tag: cards and a pager (/…/page/N). */
export function listingView(rc: RenderCtx, o: ListingOptions): string {
  const pages = Math.max(1, Math.ceil(o.total / POSTS_PER_PAGE));
  const at = (n: number) => (n <= 1 ? o.listPath : `${o.listPath}/page/${n}`);
  const prev =
    o.page > 1
      ? `<a rel="prev" href="${esc(`${rc.base}${at(o.page - 1)}`)}">← Newer posts</a>`
      : '<span></span>';
  const next =
    o.page < pages
      ? `<a rel="next" href="${esc(`${rc.base}${at(o.page + 1)}`)}">Older posts →</a>`
      : '<span></span>';
  const list = o.items.length
    ? `<ul class="posts">${o.items.map((p) => postCard(rc, p)).join('\n')}</ul>`
    : '<p>No posts yet.</p>';
  const body = `<section aria-labelledby="list-h"><h1 id="list-h">${esc(o.heading)}</h1>${o.intro ? `<p class="meta">${esc(o.intro)}</p>` : ''}
${list}
${pages > 1 ? `<nav class="pager" aria-label="Pages">${prev}<span class="meta">Page ${o.page} of ${pages}</span>${next}</nav>` : ''}
</section>`;
  const title = o.page > 1 ? `${o.heading} (page ${o.page})` : o.heading;
  return renderDocument(rc, { title, canonicalPath: at(o.page), body, description: o.intro });
}

export interface SearchResult {
  path: string;
  title: string;
  snippet: string;
  kind: string;
}

/**
 * The snippet is text cut from sanitised HTML with its tags removed, so it still holds the
 * entities that HTML stores (&amp;, &lt;, &nbsp;): decoded once, then escaped, then marked.
 */
const highlight = (snippet: string) =>
  esc(decodeEntities(snippet)).replaceAll(SNIPPET_MARKS[0], '<mark>').replaceAll(SNIPPET_MARKS[1], '</mark>');

/** /search?q=: the query echoed (escaped) and ranked results with highlighted snippets. */
export function searchView(rc: RenderCtx, q: string, results: SearchResult[], total: number): string {
  const list = !q
    ? '<p>Type something to search for.</p>'
    : results.length
      ? `<p class="meta" role="status">${total} result${total === 1 ? '' : 's'} for “${esc(q)}”</p><ol class="results">${results
          .map(
            (r) =>
              `<li><h2><a href="${esc(`${rc.base}${r.path}`)}">${esc(r.title)}</a></h2><p>${highlight(r.snippet)}</p></li>`,
          )
          .join('\n')}</ol>`
      : `<p role="status">Nothing found for “${esc(q)}”.</p>`;
  const body = `<section class="narrow"><h1>Search</h1>
<form role="search" action="${esc(`${rc.base}/search`)}" method="get"><p><label for="search-q">Search this site</label><input id="search-q" type="search" name="q" value="${esc(q)}"></p><p><button type="submit">Search</button></p></form>
${list}</section>`;
  return renderDocument(rc, { title: q ? `Search: ${q}` : 'Search', noindex: true, body });
}

/** The themed 404 page (served with status 404). */
export function notFoundView(rc: RenderCtx): string {
  const body = `<section class="narrow"><h1>Page not found</h1>
<p>Sorry, there is no page at this address. It may have moved or been taken down.</p>
<p><a class="btn" href="${esc(`${rc.base}/`)}">Go to the home page</a></p>
<form role="search" action="${esc(`${rc.base}/search`)}" method="get"><p><label for="nf-q">Or search this site</label><input id="nf-q" type="search" name="q"></p><p><button type="submit">Search</button></p></form></section>`;
  return renderDocument(rc, { title: 'Page not found', noindex: true, body });
}
