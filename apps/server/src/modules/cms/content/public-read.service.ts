import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { searchConfig } from './common.js';

/**
 * The published read side, for the public sites (module `sites`). Everything here runs in the
 * site's tenant transaction (row-level security) and reads only rows with status 'published' and
 * their `published` snapshot; the one exception, `draftForPreview`, is called only with a page id
 * taken from a verified preview token.
 */

export interface PublicSite {
  id: string;
  name: string;
  handle: string;
  isPrimary: boolean;
  locale: string;
  theme: Record<string, unknown>;
  navigation: { label: string; href: string }[];
  settings: Record<string, unknown>;
  updatedAt: string;
}

export interface PublishedContent {
  title: string;
  blocks: Record<string, unknown>[];
  seo?: { title?: string; description?: string; canonicalUrl?: string; ogImageMediaId?: string };
  excerpt?: string;
  coverMediaId?: string;
}

export interface PublicPage {
  id: string;
  kind: 'page' | 'post';
  path: string;
  slug: string;
  content: PublishedContent;
  tags: string[];
  publishedAt: string | null;
  firstPublishedAt: string | null;
  updatedAt: string;
  author: { name: string; slug: string; bio: string } | null;
  categories: { name: string; slug: string }[];
}

export interface PublicPostSummary {
  id: string;
  path: string;
  title: string;
  excerpt: string;
  coverMediaId: string | null;
  date: string | null;
  authorName: string | null;
  tags: string[];
}

const LIVE = sql`p.status = 'published' and p.published is not null
  and (p.unpublish_at is null or p.unpublish_at > now())`;

/** The site with its navigation resolved to paths (entries naming a page that is not live are left out). */
export async function publicSite(ctx: TenantCtx, siteId: string): Promise<PublicSite | undefined> {
  const { rows } = await exec<Omit<PublicSite, 'navigation'> & { navigation: unknown[] }>(
    ctx.tx,
    sql`select id, name, handle, is_primary as "isPrimary", locale, theme, navigation, settings, updated_at as "updatedAt"
      from cms.sites where id = ${siteId}`,
  );
  const site = rows[0];
  if (!site) return undefined;
  const nav = (Array.isArray(site.navigation) ? site.navigation : []) as {
    label?: unknown;
    pageId?: unknown;
    url?: unknown;
  }[];
  const pageIds = nav.map((n) => n.pageId).filter((id): id is string => typeof id === 'string');
  const paths = new Map<string, string>();
  if (pageIds.length) {
    const { rows: live } = await exec<{ id: string; path: string }>(
      ctx.tx,
      sql`select p.id, p.path from cms.pages p
        where p.site_id = ${siteId} and p.id = any(${sql.param(pageIds)}::uuid[]) and ${LIVE}`,
    );
    for (const r of live) paths.set(r.id, r.path);
  }
  const navigation: PublicSite['navigation'] = [];
  for (const n of nav) {
    if (typeof n.label !== 'string' || !n.label) continue;
    const href =
      typeof n.pageId === 'string' ? paths.get(n.pageId) : typeof n.url === 'string' ? n.url : undefined;
    if (href) navigation.push({ label: n.label, href });
  }
  return { ...site, navigation };
}

/** A live page or post by its path, with its author and categories. */
export async function publishedPageByPath(
  ctx: TenantCtx,
  siteId: string,
  path: string,
): Promise<PublicPage | undefined> {
  const { rows } = await exec<PublicPage>(
    ctx.tx,
    sql`select p.id, p.kind, p.path, p.slug, p.published as content, p.tags,
        p.published_at as "publishedAt", p.first_published_at as "firstPublishedAt", p.updated_at as "updatedAt",
        case when a.id is null then null else json_build_object('name', a.name, 'slug', a.slug, 'bio', a.bio) end as author,
        coalesce((select json_agg(json_build_object('name', c.name, 'slug', c.slug) order by c.name)
          from cms.page_categories pc join cms.categories c on c.id = pc.category_id
          where pc.page_id = p.id), '[]') as categories
      from cms.pages p left join cms.authors a on a.id = p.author_id
      where p.site_id = ${siteId} and p.path = ${path} and ${LIVE}`,
  );
  return rows[0];
}

/** Live posts, newest first, optionally of one category (slug) or tag; `total` for pagination. */
export async function publishedPosts(
  ctx: TenantCtx,
  siteId: string,
  opts: { category?: string; tag?: string; limit: number; offset: number },
): Promise<{ items: PublicPostSummary[]; total: number }> {
  const category = opts.category
    ? sql`and exists (select 1 from cms.page_categories pc join cms.categories c on c.id = pc.category_id
        where pc.page_id = p.id and c.slug = ${opts.category} and c.site_id = ${siteId})`
    : sql``;
  const tag = opts.tag ? sql`and p.tags @> array[${opts.tag}]::text[]` : sql``;
  const { rows } = await exec<PublicPostSummary & { total: number }>(
    ctx.tx,
    sql`select p.id, p.path, coalesce(p.published->>'title', p.title) as title,
        coalesce(p.published->>'excerpt', '') as excerpt, p.published->>'coverMediaId' as "coverMediaId",
        coalesce(p.first_published_at, p.published_at) as date, a.name as "authorName", p.tags,
        count(*) over () as total
      from cms.pages p left join cms.authors a on a.id = p.author_id
      where p.site_id = ${siteId} and p.kind = 'post' and ${LIVE} ${category} ${tag}
      order by coalesce(p.first_published_at, p.published_at) desc nulls last, p.id desc
      limit ${opts.limit} offset ${opts.offset}`,
  );
  const total = rows[0]?.total ?? 0;
  return { items: rows.map(({ total: _t, ...r }) => r), total };
}

export async function publicCategory(ctx: TenantCtx, siteId: string, slug: string) {
  const { rows } = await exec<{ name: string; slug: string; description: string }>(
    ctx.tx,
    sql`select name, slug, description from cms.categories where site_id = ${siteId} and slug = ${slug}`,
  );
  return rows[0];
}

/** Every live page and post (for sitemap.xml). */
export async function sitemapEntries(ctx: TenantCtx, siteId: string) {
  const { rows } = await exec<{ path: string; updatedAt: string; kind: string }>(
    ctx.tx,
    sql`select p.path, coalesce(p.published_at, p.updated_at) as "updatedAt", p.kind
      from cms.pages p where p.site_id = ${siteId} and ${LIVE} order by p.path limit 50000`,
  );
  return rows;
}

/**
 * Matches are marked with two private-use characters (never HTML), so the renderer can escape the
 * snippet and then turn the marks into <mark>.
 */
export const SNIPPET_MARKS = ['\uE000', '\uE001'] as const;
const HEADLINE_OPTIONS = `StartSel=${SNIPPET_MARKS[0]}, StopSel=${SNIPPET_MARKS[1]}, MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

/** Full-text search over live content: ranked, with a highlighted snippet (ts_headline). */
export async function searchPublished(
  ctx: TenantCtx,
  siteId: string,
  q: string,
  opts: { limit: number; offset: number; locale: string },
) {
  const config = searchConfig(opts.locale);
  const { rows } = await exec<{ path: string; title: string; snippet: string; kind: string; total: number }>(
    ctx.tx,
    sql`with q as (select websearch_to_tsquery(${config}::regconfig, ${q}) as query),
      hits as (
        select p.id, p.path, p.kind, coalesce(p.published->>'title', p.title) as title, p.published,
          ts_rank_cd(p.search, q.query) as rank, count(*) over () as total
        from cms.pages p, q
        where p.site_id = ${siteId} and ${LIVE} and p.search @@ q.query
        order by rank desc, p.path limit ${opts.limit} offset ${opts.offset})
      select h.path, h.kind, h.title, h.total,
        ts_headline(${config}::regconfig, concat_ws(' ', h.published->>'excerpt', regexp_replace(
          (select string_agg(v #>> '{}', ' ') from unnest(array['strict $.**.heading', 'strict $.**.text',
            'strict $.**.html', 'strict $.**.caption']::jsonpath[]) jp, jsonb_path_query(h.published->'blocks', jp) v
            where jsonb_typeof(v) = 'string'), '<[^>]*>', ' ', 'g')), q.query,
          ${HEADLINE_OPTIONS}) as snippet
      from hits h, q order by h.rank desc, h.path`,
  );
  return { items: rows.map(({ total: _t, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/**
 * The redirect for a path. A read only: the sites module counts hits in memory and adds them in
 * batches (addRedirectHits), so a popular old URL does not queue every visitor on one row lock.
 */
export async function findRedirect(ctx: TenantCtx, siteId: string, path: string) {
  const { rows } = await exec<{ toUrl: string; statusCode: number }>(
    ctx.tx,
    sql`select to_url as "toUrl", status_code as "statusCode" from cms.redirects
      where site_id = ${siteId} and from_path = ${path}`,
  );
  return rows[0];
}

/** Adds counted hits (path → hits) to the redirects of one site, in one statement. */
export async function addRedirectHits(ctx: TenantCtx, siteId: string, hits: Map<string, number>) {
  if (!hits.size) return;
  await exec(
    ctx.tx,
    sql`update cms.redirects r set hits = r.hits + v.n::bigint
      from jsonb_each_text(${JSON.stringify(Object.fromEntries(hits))}::jsonb) as v(path, n)
      where r.site_id = ${siteId} and r.from_path = v.path`,
  );
}

/** The working draft of one page, only for a preview whose signed token named this page. */
export async function draftForPreview(
  ctx: TenantCtx,
  pageId: string,
): Promise<(PublicPage & { siteId: string }) | undefined> {
  const { rows } = await exec<PublicPage & { siteId: string }>(
    ctx.tx,
    sql`select p.id, p.site_id as "siteId", p.kind, p.path, p.slug,
        p.content || jsonb_build_object('title', coalesce(nullif(p.content->>'title', ''), p.title)) as content, p.tags,
        p.published_at as "publishedAt", p.first_published_at as "firstPublishedAt", p.updated_at as "updatedAt",
        case when a.id is null then null else json_build_object('name', a.name, 'slug', a.slug, 'bio', a.bio) end as author,
        coalesce((select json_agg(json_build_object('name', c.name, 'slug', c.slug) order by c.name)
          from cms.page_categories pc join cms.categories c on c.id = pc.category_id
          where pc.page_id = p.id), '[]') as categories
      from cms.pages p left join cms.authors a on a.id = p.author_id where p.id = ${pageId}`,
  );
  return rows[0];
}

/** The preview route verifies tokens signed by the content API. */
export { verifyPreviewToken } from './preview-token.js';
