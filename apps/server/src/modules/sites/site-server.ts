import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { TenantCtx } from '../../platform/context.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { Hub } from '../../platform/hub.js';
import type { PublicPage } from '../cms/index.js';
import {
  findRedirect,
  publicCategory,
  publicSite,
  publishedPageByPath,
  publishedPosts,
  searchPublished,
} from '../cms/index.js';
import { feedsFor } from './feeds-route.js';
import { loadRefs } from './load-refs.js';
import type { RedirectHits } from './redirect-hits.js';
import type { FormState, RenderCtx } from './render-context.js';
import type { CachedResponse, SiteCache, SiteRef } from './site-cache.js';
import { listingView, notFoundView, POSTS_PER_PAGE, pageView, postView, searchView } from './views.js';

/** Where a site is served: on its custom domain (base '') or under /sites/<slug>. */
export interface Mount {
  base: string;
  absBase: string;
}

export interface SiteResponse extends CachedResponse {
  location?: string;
}

/** Published pages: revalidate with the ETag every time; shared caches may keep them briefly. */
export const PAGE_CACHE_CONTROL = 'public, max-age=0, must-revalidate, s-maxage=30';
const NO_STORE = 'no-store';

export const etagOf = (body: Buffer) => `"${createHash('sha1').update(body).digest('base64url')}"`;

function respond(
  status: number,
  type: string,
  text: string,
  cacheControl = PAGE_CACHE_CONTROL,
): SiteResponse {
  const body = Buffer.from(text);
  return { status, type, body, etag: etagOf(body), cacheControl };
}

const HTML = 'text/html; charset=utf-8';

/**
 * Read at /sites/…, a site's canonical address is its custom domain when it has one, else its
 * shortest hub address (/sites/<slug>/ for the primary site, even when read at ~<handle>).
 */
function canonicalOnHub(ref: SiteRef, mount: Mount) {
  if (ref.host) return `https://${ref.host}`;
  const origin = mount.absBase.slice(0, mount.absBase.length - mount.base.length);
  return `${origin}/sites/${ref.tenantSlug}${ref.isPrimary ? '' : `~${ref.handle}`}`;
}

export function renderCtxBase(ref: SiteRef, mount: Mount, path: string): Omit<RenderCtx, 'site'> {
  return {
    tenantId: ref.tenantId,
    base: mount.base,
    absBase: mount.absBase,
    canonicalBase: mount.base ? canonicalOnHub(ref, mount) : mount.absBase,
    path,
    media: new Map(),
    forms: new Map(),
  };
}

/** A page or post as a full document (also used by the preview). */
export async function renderPage(ctx: TenantCtx, rc: RenderCtx, page: PublicPage): Promise<string> {
  await loadRefs(ctx, rc, page.content.blocks, [page.content.coverMediaId, page.content.seo?.ogImageMediaId]);
  return page.kind === 'post' ? postView(rc, page) : pageView(rc, page);
}

function formStateOf(query: URLSearchParams): FormState | undefined {
  const form = query.get('form');
  const publicId = query.get('f');
  if ((form !== 'sent' && form !== 'error') || !publicId) return undefined;
  return { publicId, sent: form === 'sent', field: query.get('field') ?? undefined };
}

const LIST_RE = /^\/blog(?:\/(category|tag)\/([^/]+))?(?:\/page\/(\d{1,6}))?$/;

/**
 * /blog, /blog/category/<slug>, /blog/tag/<tag>, each with /page/<n>: the HTML, or undefined when
 * the path is none of these or names nothing (unknown category, unused tag, a page past the end).
 */
async function listing(ctx: TenantCtx, rc: RenderCtx, path: string): Promise<string | undefined> {
  const m = LIST_RE.exec(path);
  if (!m) return undefined;
  const [, kind, rawValue, rawPage] = m;
  const page = rawPage ? Number(rawPage) : 1;
  let value: string | undefined;
  try {
    value = rawValue ? decodeURIComponent(rawValue) : undefined;
  } catch {
    return undefined;
  }
  if (page < 1 || (kind && !value)) return undefined;
  const site = rc.site;
  const category = kind === 'category' ? await publicCategory(ctx, site.id, value!) : undefined;
  if (kind === 'category' && !category) return undefined;
  const tag = kind === 'tag' ? value : undefined;
  const posts = await publishedPosts(ctx, site.id, {
    category: category?.slug,
    tag,
    limit: POSTS_PER_PAGE,
    offset: (page - 1) * POSTS_PER_PAGE,
  });
  if ((page > 1 && !posts.items.length) || (tag && !posts.total)) return undefined;
  await loadRefs(
    ctx,
    rc,
    [],
    posts.items.map((p) => p.coverMediaId),
  );
  return listingView(rc, {
    heading: category ? category.name : tag ? `Posts tagged “${tag}”` : 'Blog',
    intro: category?.description || (kind ? undefined : (site.settings.tagline as string | undefined)),
    listPath: kind ? `/blog/${kind}/${rawValue}` : '/blog',
    page,
    items: posts.items,
    total: posts.total,
  });
}

/**
 * Answers one request for a site path. Published 200s come from (and go into) the in-process
 * cache; redirects, 404s, search and form-state pages are rendered every time and not cached.
 */
export async function serveSite(
  hub: Hub,
  cache: SiteCache,
  ref: SiteRef,
  mount: Mount,
  path: string,
  query: URLSearchParams,
  hits?: RedirectHits,
): Promise<SiteResponse> {
  const formState = formStateOf(query);
  const dynamic = path === '/search' || formState !== undefined;
  const key = `${ref.siteId}|${mount.absBase}|${path}`;
  if (!dynamic) {
    const hit = cache.get(key);
    if (hit) return hit;
  }
  const stamp = cache.stamp(ref.tenantId, ref.siteId);
  const res = await withTenant(hub.systemCtx(ref.tenantId, 'sites'), async (ctx) => {
    const site = await publicSite(ctx, ref.siteId);
    if (!site) return respond(404, 'text/plain; charset=utf-8', 'Not found', NO_STORE);
    const rc: RenderCtx = { ...renderCtxBase(ref, mount, path), site, formState };
    await loadRefs(ctx, rc, [], []);
    const feed = await feedsFor(ctx, rc, path);
    if (feed) return respond(200, feed.type, feed.body);

    if (path === '/search') {
      const q = (query.get('q') ?? '').trim().slice(0, 200);
      const found = q
        ? await searchPublished(ctx, site.id, q, { limit: 20, offset: 0, locale: site.locale })
        : { items: [], total: 0 };
      return respond(200, HTML, searchView(rc, q, found.items, found.total), 'no-cache');
    }

    const list = await listing(ctx, rc, path);
    if (list) return respond(200, HTML, list);

    const page = await publishedPageByPath(ctx, site.id, path);
    if (page) {
      const html = await renderPage(ctx, rc, page);
      return respond(200, HTML, html, formState ? NO_STORE : PAGE_CACHE_CONTROL);
    }
    const redirect = await findRedirect(ctx, site.id, path);
    if (redirect) {
      hits?.add(ref.tenantId, site.id, path);
      const target =
        redirect.toUrl.startsWith('/') && !redirect.toUrl.startsWith('//')
          ? `${mount.base}${redirect.toUrl}`
          : redirect.toUrl;
      // A Location header carries ASCII only: a stored target with other characters (/über-uns,
      // /東京) is sent percent-encoded as UTF-8 (Node refuses or mangles them otherwise).
      const to = target.replace(/[^\x21-\x7e]+/gu, (s) => encodeURI(s));
      const permanent = redirect.statusCode === 301 || redirect.statusCode === 308;
      const r = respond(
        redirect.statusCode,
        'text/plain; charset=utf-8',
        `Moved to ${to}`,
        permanent ? 'public, max-age=300' : 'no-cache',
      );
      return { ...r, location: to };
    }
    return respond(404, HTML, notFoundView(rc), 'no-cache');
  });
  if (!dynamic && res.status === 200) {
    // Compressed once here instead of on every request; the cache serves it as is.
    if (res.body.length > 1024) res.gzip = gzipSync(res.body, { level: 6 });
    cache.set(key, ref, stamp, res);
  }
  return res;
}
