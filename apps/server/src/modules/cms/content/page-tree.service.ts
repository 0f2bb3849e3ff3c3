import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { uuidv7 } from '../../../platform/ids.js';
import { badField } from './common.js';
import { assertPathFree, childPath, getPage, lockPage, lockTree, type PageRow } from './pages.service.js';
import { notifySiteChanged } from './site-changes.js';

/** Writes positions 0..n-1 in the given order. */
async function writeOrder(ctx: TenantCtx, ids: string[]) {
  if (!ids.length) return;
  await exec(
    ctx.tx,
    sql`update cms.pages p set position = o.ord - 1
      from unnest(${sql.param(ids)}::uuid[]) with ordinality as o(id, ord) where p.id = o.id and p.position <> o.ord - 1`,
  );
}

async function siblings(ctx: TenantCtx, siteId: string, parentId: string | null, except: string) {
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from cms.pages where site_id = ${siteId} and kind = 'page'
      and parent_id is not distinct from ${parentId}::uuid and id <> ${except} order by position, id`,
  );
  return rows.map((r) => r.id);
}

/**
 * Moves a page under another parent (or the top level) at a position among its new siblings;
 * sibling positions stay dense (0..n-1) on both sides. Paths of the page and its descendants
 * follow, with 301 redirects from the old paths of live pages.
 */
export async function movePage(
  ctx: TenantCtx,
  id: string,
  to: { parentId: string | null; position: number },
) {
  const row = await lockPage(ctx, id);
  if (row.kind === 'post')
    throw badField('body.parentId', 'posts are not in the page tree', 'CMS.POST_HAS_NO_PARENT');
  await lockTree(ctx, row.siteId);
  let parentPath: string | null = null;
  if (to.parentId) {
    if (!row.slug) throw badField('body.parentId', 'the home page stays at the top level', 'CMS.HOME_AT_TOP');
    const parent = await lockPage(ctx, to.parentId, 'body.parentId');
    if (parent.siteId !== row.siteId || parent.kind !== 'page')
      throw badField('body.parentId', 'is not a page of this site', 'CMS.PAGE_NOT_FOUND');
    const { rowCount } = await exec(
      ctx.tx,
      sql`with recursive sub(id) as (select ${id}::uuid union all select p.id from cms.pages p join sub on p.parent_id = sub.id)
        select 1 from sub where id = ${to.parentId}`,
    );
    if (rowCount)
      throw badField(
        'body.parentId',
        'a page cannot move under itself or its descendants',
        'CMS.MOVE_INTO_ITSELF',
      );
    parentPath = parent.path;
  }
  const target = await siblings(ctx, row.siteId, to.parentId, id);
  const at = Math.min(to.position, target.length);
  target.splice(at, 0, id);
  const moved = (row.parentId ?? null) !== to.parentId;
  if (moved) {
    await rebasePaths(ctx, row, childPath(parentPath, row.slug));
    await exec(
      ctx.tx,
      sql`update cms.pages set parent_id = ${to.parentId}::uuid, updated_at = now() where id = ${id}`,
    );
    await writeOrder(ctx, await siblings(ctx, row.siteId, row.parentId, id));
  }
  await writeOrder(ctx, target);
  if (row.status === 'published' && (moved || at !== row.position)) await notifySiteChanged(ctx, row.siteId);
  return getPage(ctx, id);
}

/**
 * Gives a page a new path and its descendants the matching ones (409 naming the first path
 * that another page already has). Live pages whose path changes leave a 301 redirect behind;
 * redirects that pointed at an old path follow it, and redirects from a path a live page now
 * has are dropped (the page wins, and no loop is left).
 */
export async function rebasePaths(ctx: TenantCtx, row: PageRow, newPath: string) {
  if (newPath === row.path) return [];
  const { rows } = await exec<{ id: string; path: string; live: boolean }>(
    ctx.tx,
    sql`with recursive sub(id) as (select ${row.id}::uuid union all select p.id from cms.pages p join sub on p.parent_id = sub.id)
      select p.id, p.path, p.status = 'published' as live from cms.pages p join sub using (id)`,
  );
  const changes = rows.map((r) => {
    const suffix = r.path === row.path ? '' : row.path === '/' ? r.path : r.path.slice(row.path.length);
    return { ...r, newPath: newPath === '/' ? suffix || '/' : newPath + suffix };
  });
  const ids = changes.map((c) => c.id);
  await assertPathFree(
    ctx,
    row.siteId,
    changes.map((c) => c.newPath),
    ids,
  );
  // Through temporary paths: a subtree's new paths may equal its own old ones.
  await exec(
    ctx.tx,
    sql`update cms.pages set path = '/~moving/' || id where id = any(${sql.param(ids)}::uuid[])`,
  );
  await exec(
    ctx.tx,
    sql`update cms.pages p set path = c.path, updated_at = now()
      from unnest(${sql.param(ids)}::uuid[], ${sql.param(changes.map((c) => c.newPath))}::text[]) as c(id, path)
      where p.id = c.id`,
  );
  const live = changes.filter((c) => c.live);
  if (live.length) {
    const olds = live.map((c) => c.path);
    const news = live.map((c) => c.newPath);
    await exec(
      ctx.tx,
      sql`delete from cms.redirects where site_id = ${row.siteId} and from_path = any(${sql.param(news)}::text[])`,
    );
    await exec(
      ctx.tx,
      sql`update cms.redirects r set to_url = c.new from unnest(${sql.param(olds)}::text[], ${sql.param(news)}::text[]) as c(old, new)
        where r.site_id = ${row.siteId} and r.to_url = c.old`,
    );
    await exec(
      ctx.tx,
      sql`insert into cms.redirects (tenant_id, id, site_id, from_path, to_url, status_code)
        select ${ctx.tenantId}, c.id, ${row.siteId}, c.old, c.new, 301
        from unnest(${sql.param(live.map(() => uuidv7()))}::uuid[], ${sql.param(olds)}::text[], ${sql.param(news)}::text[]) as c(id, old, new)
        on conflict (tenant_id, site_id, from_path) do update set to_url = excluded.to_url, status_code = 301`,
    );
    await exec(ctx.tx, sql`delete from cms.redirects where site_id = ${row.siteId} and from_path = to_url`);
    await notifySiteChanged(ctx, row.siteId);
  }
  return changes;
}
