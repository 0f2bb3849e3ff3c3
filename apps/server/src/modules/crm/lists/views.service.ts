import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { type CrmEntity, type CustomFieldType, entityTableOf } from './entity-table.js';
import type { Filter } from './filter.js';
import { type ListQuery, runList } from './list-query.js';

export interface ViewQuery {
  q?: string;
  filter?: Filter;
  sort?: string;
}

export interface SavedView {
  id: string;
  entity: CrmEntity;
  name: string;
  query: ViewQuery;
  /** Table columns in order (null: the entity's defaults). */
  columns: string[] | null;
  ownerId: string | null;
  shared: boolean;
  createdAt: string;
}

const cols = sql`id, entity, name, query, columns, owner_id as "ownerId", shared, created_at as "createdAt"`;
const me = (ctx: TenantCtx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);
/** Shared views, and the caller's private ones. */
const visible = (ctx: TenantCtx) => sql`(shared or owner_id = ${me(ctx)}::uuid)`;
const notFound = (id: string) => new AppError('CRM.VIEW_NOT_FOUND', 404, `View ${id} was not found`);

export async function listViews(ctx: TenantCtx, entity?: CrmEntity): Promise<SavedView[]> {
  const { rows } = await exec<SavedView>(
    ctx.tx,
    sql`select ${cols} from crm.saved_views where ${visible(ctx)}
      and (${entity ?? null}::text is null or entity = ${entity ?? null}) order by name, id`,
  );
  return rows;
}

export async function getView(ctx: TenantCtx, id: string): Promise<SavedView> {
  const { rows } = await exec<SavedView>(
    ctx.tx,
    sql`select ${cols} from crm.saved_views where id = ${id} and ${visible(ctx)}`,
  );
  if (!rows[0]) throw notFound(id);
  return rows[0];
}

/**
 * Runs the view's query once (limit 1) when its entity's table is registered, so a view with an
 * unknown field or a bad value is refused when saved (400 naming body.query.filter.<field>).
 */
async function checkQuery(ctx: TenantCtx, entity: CrmEntity, query: ViewQuery) {
  const def = entityTableOf(entity);
  if (!def) return;
  const { rows } = await exec<{ key: string; type: CustomFieldType }>(
    ctx.tx,
    sql`select key, type from crm.custom_fields where entity = ${entity}`,
  );
  const custom = new Map(rows.map((r) => [r.key, r.type]));
  try {
    await exec(ctx.tx, sql`savepoint view_check`);
    await runList(ctx, def, custom, { ...query, limit: 1 });
    await exec(ctx.tx, sql`release savepoint view_check`);
  } catch (err) {
    await exec(ctx.tx, sql`rollback to savepoint view_check`);
    const e = err as {
      code?: string;
      extra?: { errors?: { field: string; message: string }[] };
      message?: string;
    };
    if (e.code !== 'CRM.INVALID_FILTER') throw err;
    const errors = (e.extra?.errors ?? []).map((x) => ({
      ...x,
      field: x.field.replace(/^query\./, 'body.query.'),
    }));
    throw new AppError('CRM.INVALID_FILTER', 400, errors.map((x) => `${x.field}: ${x.message}`).join('; '), {
      errors,
    });
  }
}

export async function createView(
  ctx: TenantCtx,
  v: { entity: CrmEntity; name: string; query: ViewQuery; columns?: string[] | null; shared?: boolean },
): Promise<SavedView> {
  await checkQuery(ctx, v.entity, v.query);
  const { rows } = await exec<SavedView>(
    ctx.tx,
    sql`insert into crm.saved_views (tenant_id, id, entity, name, query, columns, owner_id, shared)
      values (${ctx.tenantId}, ${uuidv7()}, ${v.entity}, ${v.name}, ${JSON.stringify(v.query)}::jsonb,
        ${v.columns ? sql.param(v.columns) : null}::text[], ${me(ctx)}, ${v.shared ?? false})
      returning ${cols}`,
  );
  return rows[0]!;
}

/** Only the view's owner changes or deletes it (others get 404, as for a private view). */
export async function updateView(
  ctx: TenantCtx,
  id: string,
  p: { name?: string; query?: ViewQuery; columns?: string[] | null; shared?: boolean },
): Promise<SavedView> {
  if (p.query) await checkQuery(ctx, (await getView(ctx, id)).entity, p.query);
  const { rows } = await exec<SavedView>(
    ctx.tx,
    sql`update crm.saved_views set name = coalesce(${p.name ?? null}, name),
        query = coalesce(${p.query ? JSON.stringify(p.query) : null}::jsonb, query),
        shared = coalesce(${p.shared ?? null}::boolean, shared),
        columns = ${p.columns === undefined ? sql`columns` : sql`${p.columns ? sql.param(p.columns) : null}::text[]`}
      where id = ${id} and owner_id = ${me(ctx)}::uuid returning ${cols}`,
  );
  if (!rows[0]) throw notFound(id);
  return rows[0];
}

export async function deleteView(ctx: TenantCtx, id: string): Promise<void> {
  const { rowCount } = await exec(
    ctx.tx,
    sql`delete from crm.saved_views where id = ${id} and owner_id = ${me(ctx)}::uuid`,
  );
  if (!rowCount) throw notFound(id);
}

/** A list request with a `view`: the view's query fills in whatever the request leaves out. */
export async function withView(
  ctx: TenantCtx,
  entity: CrmEntity,
  viewId: string | undefined,
  q: ListQuery,
): Promise<ListQuery> {
  if (!viewId) return q;
  const v = await getView(ctx, viewId);
  if (v.entity !== entity) throw notFound(viewId);
  return { ...q, q: q.q ?? v.query.q, filter: q.filter ?? v.query.filter, sort: q.sort ?? v.query.sort };
}
