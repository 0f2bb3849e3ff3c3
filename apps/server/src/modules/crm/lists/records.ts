import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { activeMembers } from '../../identity/index.js';
import { type ColumnDef, type EntityTable, selectList } from './entity-table.js';

/** Generic reads and writes of one CRM table described by an EntityTable (values bound). */

export function valueSql(c: ColumnDef, v: unknown): SQL {
  if (v === null || v === undefined) return sql`null`;
  if (c.type === 'jsonb') return sql`${JSON.stringify(v)}::jsonb`;
  const cast = c.type === 'timestamp' ? 'timestamptz' : c.type === 'number' ? 'numeric' : c.type;
  return sql`${Array.isArray(v) ? sql.param(v) : v}::${sql.raw(cast)}`;
}

function writable(def: EntityTable, values: Record<string, unknown>): [ColumnDef, unknown][] {
  const out: [ColumnDef, unknown][] = [];
  for (const [k, v] of Object.entries(values)) {
    const c = def.columns[k];
    if (v !== undefined && c?.write) out.push([c, v]);
  }
  return out;
}

export async function getRecord<T>(
  ctx: TenantCtx,
  def: EntityTable,
  id: string,
  lock = false,
): Promise<T | undefined> {
  const { rows } = await exec(
    ctx.tx,
    sql`select ${sql.raw(selectList(def))} from ${sql.raw(def.table)} where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  return rows[0] as T | undefined;
}

export async function insertRecord<T>(
  ctx: TenantCtx,
  def: EntityTable,
  values: Record<string, unknown>,
): Promise<T> {
  const w = writable(def, values);
  const cols = ['tenant_id', 'id', ...w.map(([c]) => c.column)].join(', ');
  const vals = [sql`${ctx.tenantId}`, sql`${uuidv7()}`, ...w.map(([c, v]) => valueSql(c, v))];
  const { rows } = await exec(
    ctx.tx,
    sql`insert into ${sql.raw(def.table)} (${sql.raw(cols)}) values (${sql.join(vals, sql`, `)})
      returning ${sql.raw(selectList(def))}`,
  );
  return rows[0] as T;
}

/** Updates the given fields; `custom` is merged into the stored object (a null value removes a key). */
export async function updateRecord<T>(
  ctx: TenantCtx,
  def: EntityTable,
  id: string,
  values: Record<string, unknown>,
): Promise<T | undefined> {
  const sets = writable(def, values).map(([c, v]) =>
    c.column === 'custom'
      ? sql`custom = jsonb_strip_nulls(custom || ${JSON.stringify(v)}::jsonb)`
      : sql`${sql.raw(c.column)} = ${valueSql(c, v)}`,
  );
  sets.push(sql`updated_at = now()`);
  const { rows } = await exec(
    ctx.tx,
    sql`update ${sql.raw(def.table)} set ${sql.join(sets, sql`, `)} where id = ${id}
      returning ${sql.raw(selectList(def))}`,
  );
  return rows[0] as T | undefined;
}

export async function deleteRecord(ctx: TenantCtx, def: EntityTable, id: string): Promise<boolean> {
  const { rowCount } = await exec(ctx.tx, sql`delete from ${sql.raw(def.table)} where id = ${id}`);
  return Boolean(rowCount);
}

/**
 * The one check for every user a CRM record points at (owner, assignee, a form's notify user):
 * an active member of this tenant (identity's index), else 400 CRM.NOT_A_MEMBER naming the field.
 */
export async function assertMember(ctx: TenantCtx, userId: string | null | undefined, field: string) {
  if (!userId) return;
  if (!(await activeMembers(ctx, { userIds: [userId] })).length)
    throw new AppError('CRM.NOT_A_MEMBER', 400, `${field}: is not a member of this tenant`, {
      errors: [{ field, message: 'is not a member of this tenant' }],
    });
}

/** Which ids a bulk action touches: explicit ids, or every row matching a condition. */
export function targetOf(ids: string[] | undefined, where: SQL | undefined): SQL {
  if (ids) return sql`id = any(${sql.param(ids)}::uuid[])`;
  if (where) return where;
  throw new AppError('CRM.BULK_TARGET', 400, 'body: give ids or a filter', {
    errors: [{ field: 'body.ids', message: 'give ids or a filter' }],
  });
}

/** Tags added/removed, owner set (null clears it), custom values merged (null removes a key). */
export interface BulkSet {
  addTags?: string[];
  removeTags?: string[];
  ownerId?: string | null;
  custom?: Record<string, unknown>;
}

/**
 * One UPDATE for every row matching `where` (see targetOf); returns how many changed. `extra`
 * holds further `column = value` assignments of an entity (a lead's status), already checked.
 */
export async function bulkUpdate(
  ctx: TenantCtx,
  def: EntityTable,
  where: SQL,
  set: BulkSet,
  extra: SQL[] = [],
): Promise<number> {
  const { rowCount } = await exec(
    ctx.tx,
    sql`update ${sql.raw(def.table)} set
        tags = array(select distinct x from unnest(tags || ${sql.param(set.addTags ?? [])}::text[]) x
                     where x <> all(${sql.param(set.removeTags ?? [])}::text[]) order by x),
        owner_id = ${set.ownerId === undefined ? sql`owner_id` : sql`${set.ownerId}::uuid`},
        custom = jsonb_strip_nulls(custom || ${JSON.stringify(set.custom ?? {})}::jsonb),
        ${extra.length ? sql`${sql.join(extra, sql`, `)},` : sql``}
        updated_at = now()
      where ${where}`,
  );
  return rowCount ?? 0;
}
