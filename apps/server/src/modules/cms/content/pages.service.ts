import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { uuidv7 } from '../../../platform/ids.js';
import { mediaRefs, sanitizeContent } from './blocks.schemas.js';
import { actorUserId, assertMedia, badField, notFound } from './common.js';
import { rebasePaths } from './page-tree.service.js';
import type { Page, PageCreate, PageListItem, PagePatch } from './pages.schemas.js';
import { insertRevision } from './revisions.service.js';
import { notifySiteChanged } from './site-changes.js';
import { getSite, lockSite } from './sites.service.js';

const listCols = sql`p.id, p.parent_id as "parentId", p.position, p.slug, p.path, p.title, p.kind, p.status,
  p.has_unpublished_changes as "hasUnpublishedChanges", p.published_at as "publishedAt",
  p.publish_at as "publishAt", p.unpublish_at as "unpublishAt", p.updated_at as "updatedAt"`;

export async function listPages(
  ctx: TenantCtx,
  siteId: string,
  f: { kind?: 'page' | 'post'; q?: string; status?: string },
): Promise<PageListItem[]> {
  await getSite(ctx, siteId);
  const like = f.q ? `%${f.q.replace(/[\\%_]/g, '\\$&')}%` : null;
  const { rows } = await exec<PageListItem>(
    ctx.tx,
    sql`select ${listCols} from cms.pages p
      where p.site_id = ${siteId}
        and (${f.kind ?? null}::text is null or p.kind = ${f.kind ?? null})
        and (${f.status ?? null}::text is null or p.status = ${f.status ?? null})
        and (${like}::text is null or p.title ilike ${like} or p.path ilike ${like})
      order by p.kind, p.parent_id nulls first, p.position, coalesce(p.published_at, p.created_at) desc, p.id`,
  );
  return rows;
}

export async function getPage(ctx: TenantCtx, id: string): Promise<Page> {
  const { rows } = await exec<Page>(
    ctx.tx,
    sql`select ${listCols}, p.site_id as "siteId", p.content, p.published, p.tags, p.author_id as "authorId",
        p.live_revision_id as "liveRevisionId", p.first_published_at as "firstPublishedAt", p.created_at as "createdAt",
        (select r.id from cms.revisions r where r.page_id = p.id order by r.number desc limit 1) as "draftRevisionId",
        coalesce((select jsonb_agg(jsonb_build_object('id', c.id, 'name', c.name, 'slug', c.slug) order by c.name)
          from cms.page_categories pc join cms.categories c on c.id = pc.category_id
          where pc.page_id = p.id), '[]') as categories
      from cms.pages p where p.id = ${id}`,
  );
  if (!rows[0]) throw notFound('Page', id, 'CMS.PAGE_NOT_FOUND');
  return rows[0];
}

/** The structural facts of a page, row-locked for the change that follows. */
export interface PageRow {
  id: string;
  siteId: string;
  kind: 'page' | 'post';
  parentId: string | null;
  position: number;
  slug: string;
  path: string;
  status: 'draft' | 'published' | 'unpublished';
}

export async function lockPage(ctx: TenantCtx, id: string, field?: string): Promise<PageRow> {
  const { rows } = await exec<PageRow>(
    ctx.tx,
    sql`select id, site_id as "siteId", kind, parent_id as "parentId", position, slug, path, status
      from cms.pages where id = ${id} for update`,
  );
  if (!rows[0]) {
    if (field) throw badField(field, `no page ${id} in this tenant`, 'CMS.PAGE_NOT_FOUND');
    throw notFound('Page', id, 'CMS.PAGE_NOT_FOUND');
  }
  return rows[0];
}

/** Tree changes of one site are serialised (positions stay dense under concurrent moves). */
export const lockTree = (ctx: TenantCtx, siteId: string) =>
  exec(ctx.tx, sql`select pg_advisory_xact_lock(hashtext('cms.pages.tree'), hashtext(${siteId}))`);

export const childPath = (parentPath: string | null, slug: string) =>
  parentPath === null ? (slug ? `/${slug}` : '/') : parentPath === '/' ? `/${slug}` : `${parentPath}/${slug}`;

export async function assertPathFree(ctx: TenantCtx, siteId: string, paths: string[], except: string[] = []) {
  const { rows } = await exec<{ path: string }>(
    ctx.tx,
    sql`select path from cms.pages where site_id = ${siteId} and path = any(${sql.param(paths)}::text[])
      and id <> all(${sql.param(except)}::uuid[]) limit 1`,
  );
  if (rows[0])
    throw new AppError(
      'CMS.PATH_TAKEN',
      409,
      `The path ${rows[0].path} is already used by another page of this site`,
      {
        path: rows[0].path,
      },
    );
}

export async function createPage(ctx: TenantCtx, input: PageCreate): Promise<Page> {
  await lockSite(ctx, input.siteId, 'body.siteId');
  await lockTree(ctx, input.siteId);
  let path: string;
  let parentId: string | null = input.parentId ?? null;
  if (input.kind === 'post') {
    if (parentId) throw badField('body.parentId', 'posts are not in the page tree', 'CMS.POST_HAS_NO_PARENT');
    if (!input.slug) throw badField('body.slug', 'a post needs a slug');
    path = `/blog/${input.slug}`;
  } else if (parentId) {
    const parent = await lockPage(ctx, parentId, 'body.parentId');
    if (parent.siteId !== input.siteId || parent.kind !== 'page')
      throw badField('body.parentId', 'is not a page of this site', 'CMS.PAGE_NOT_FOUND');
    if (!input.slug) throw badField('body.slug', "only the home page (top level) has the empty slug ''");
    path = childPath(parent.path, input.slug);
  } else {
    parentId = null;
    path = childPath(null, input.slug);
  }
  await assertPathFree(ctx, input.siteId, [path]);
  const content = sanitizeContent({ ...(input.content ?? { blocks: [], seo: {} }), title: input.title });
  await assertMedia(ctx, mediaRefs(content));
  const id = uuidv7();
  const position: SQL =
    input.kind === 'post'
      ? sql`0`
      : sql`(select coalesce(max(position) + 1, 0) from cms.pages where site_id = ${input.siteId}
          and kind = 'page' and parent_id is not distinct from ${parentId}::uuid)`;
  await exec(
    ctx.tx,
    sql`insert into cms.pages (tenant_id, id, site_id, kind, parent_id, position, slug, path, title, content, created_by)
      values (${ctx.tenantId}, ${id}, ${input.siteId}, ${input.kind}, ${parentId}, ${position}, ${input.slug}, ${path},
        ${content.title}, ${JSON.stringify(content)}::jsonb, ${actorUserId(ctx)})`,
  );
  await insertRevision(ctx, id, content, 'Created');
  return getPage(ctx, id);
}

export async function updatePage(ctx: TenantCtx, id: string, patch: PagePatch): Promise<Page> {
  const row = await lockPage(ctx, id);
  if (patch.slug !== undefined && patch.slug !== row.slug) {
    if (patch.slug === '' && (row.kind === 'post' || row.parentId))
      throw badField('body.slug', "only the home page (top level) has the empty slug ''");
    await lockTree(ctx, row.siteId);
    const parent = row.parentId ? await lockPage(ctx, row.parentId) : null;
    const path = row.kind === 'post' ? `/blog/${patch.slug}` : childPath(parent?.path ?? null, patch.slug);
    await rebasePaths(ctx, row, path);
    await exec(ctx.tx, sql`update cms.pages set slug = ${patch.slug} where id = ${id}`);
  }
  if (patch.authorId) {
    const { rowCount } = await exec(ctx.tx, sql`select 1 from cms.authors where id = ${patch.authorId}`);
    if (!rowCount)
      throw badField('body.authorId', `no author ${patch.authorId} in this tenant`, 'CMS.AUTHOR_NOT_FOUND');
  }
  if (patch.categoryIds) await setCategories(ctx, row, patch.categoryIds);
  await exec(
    ctx.tx,
    sql`update cms.pages set tags = coalesce(${patch.tags ? sql.param(patch.tags) : null}::text[], tags),
      author_id = ${patch.authorId === undefined ? sql`author_id` : sql`${patch.authorId}::uuid`}, updated_at = now()
      where id = ${id}`,
  );
  if (row.status === 'published') await notifySiteChanged(ctx, row.siteId);
  return getPage(ctx, id);
}

async function setCategories(ctx: TenantCtx, row: PageRow, ids: string[]) {
  if (row.kind !== 'post' && ids.length) throw badField('body.categoryIds', 'only posts have categories');
  const unique = [...new Set(ids)];
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from cms.categories where site_id = ${row.siteId} and id = any(${sql.param(unique)}::uuid[])`,
  );
  const found = new Set(rows.map((r) => r.id));
  const bad = ids.findIndex((c) => !found.has(c));
  if (bad >= 0)
    throw badField(`body.categoryIds.${bad}`, 'is not a category of this site', 'CMS.CATEGORY_NOT_FOUND');
  await exec(ctx.tx, sql`delete from cms.page_categories where page_id = ${row.id}`);
  await exec(
    ctx.tx,
    sql`insert into cms.page_categories (tenant_id, page_id, category_id)
      select ${ctx.tenantId}, ${row.id}, c from unnest(${sql.param(unique)}::uuid[]) c`,
  );
}

/** Deletes a page (refused while it has children); its revisions and category links go with it. */
export async function deletePage(ctx: TenantCtx, id: string): Promise<void> {
  const row = await lockPage(ctx, id);
  await lockTree(ctx, row.siteId);
  const { rows } = await exec<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from cms.pages where parent_id = ${id}`,
  );
  if (rows[0]!.n > 0)
    throw conflict(
      'CMS.PAGE_HAS_CHILDREN',
      `The page ${row.path} has ${rows[0]!.n} child pages: move or delete them first`,
    );
  await exec(ctx.tx, sql`update cms.pages set live_revision_id = null where id = ${id}`);
  await exec(ctx.tx, sql`delete from cms.pages where id = ${id}`);
  if (row.kind === 'page')
    await exec(
      ctx.tx,
      sql`update cms.pages set position = position - 1 where site_id = ${row.siteId} and kind = 'page'
        and parent_id is not distinct from ${row.parentId}::uuid and position > ${row.position}`,
    );
  await exec(
    ctx.tx,
    sql`update cms.sites set navigation = coalesce((select jsonb_agg(n) from jsonb_array_elements(navigation) n
      where n->>'pageId' is distinct from ${id}), '[]') where id = ${row.siteId} and navigation @> ${JSON.stringify([{ pageId: id }])}::jsonb`,
  );
  await emitEvent(
    ctx,
    'cms.page.deleted',
    { pageId: id, siteId: row.siteId, kind: row.kind, path: row.path, wasLive: row.status === 'published' },
    { type: 'cms.page', id },
  );
  if (row.status === 'published') await notifySiteChanged(ctx, row.siteId);
}
