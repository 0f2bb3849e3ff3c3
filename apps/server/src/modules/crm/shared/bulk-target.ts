import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { emitEvent } from '../../../platform/events.js';
import { checkCustom, customTypesOf } from '../custom-fields/index.js';
import {
  assertMember,
  type BulkSet,
  bulkUpdate,
  type EntityTable,
  type Filter,
  targetOf,
  whereOf,
} from '../lists/index.js';

/** Which records a bulk action names: explicit ids, or a list filter and/or search. */
export interface BulkTarget {
  ids?: string[];
  filter?: Filter;
  q?: string;
}

/** The WHERE of a bulk action on `def` (ids win; a filter/search uses the list engine; neither is a 400). */
export async function bulkWhere(ctx: TenantCtx, def: EntityTable, t: BulkTarget): Promise<SQL> {
  const where =
    t.filter || t.q
      ? whereOf(def, await customTypesOf(ctx, def.entity), { filter: t.filter, q: t.q })
      : undefined;
  return targetOf(t.ids, where);
}

/** Tags, owner and custom values of the named records in one UPDATE; one `crm.<entity>.bulk-updated` event. */
export async function bulkUpdateRecords(
  ctx: TenantCtx,
  def: EntityTable,
  t: BulkTarget,
  set: BulkSet,
): Promise<number> {
  const custom = await checkCustom(ctx, def.entity, set.custom, false);
  await assertMember(ctx, set.ownerId, 'body.set.ownerId');
  const n = await bulkUpdate(ctx, def, await bulkWhere(ctx, def, t), { ...set, custom });
  await emitEvent(ctx, `crm.${def.entity}.bulk-updated`, { count: n, set: Object.keys(set) });
  return n;
}

/** Deletes the named records; one `crm.<entity>.bulk-deleted` event with the count. */
export async function bulkDeleteRecords(ctx: TenantCtx, def: EntityTable, t: BulkTarget): Promise<number> {
  const where = await bulkWhere(ctx, def, t);
  const { rowCount } = await exec(ctx.tx, sql`delete from ${sql.raw(def.table)} where ${where}`);
  await emitEvent(ctx, `crm.${def.entity}.bulk-deleted`, { count: rowCount ?? 0 });
  return rowCount ?? 0;
}
