import type { TenantCtx } from '../../../platform/context.js';
import type { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { checkCustom, customTypesOf } from '../custom-fields/index.js';
import {
  assertMember,
  type BulkSet,
  deleteRecord,
  type EntityTable,
  getRecord,
  insertRecord,
  type ListQuery,
  runList,
  updateRecord,
} from '../lists/index.js';
import { type BulkTarget, bulkDeleteRecords, bulkUpdateRecords } from './bulk-target.js';

type Input = Record<string, unknown> & { custom?: Record<string, unknown>; ownerId?: string | null };

const uniq = (xs: unknown) => (Array.isArray(xs) ? [...new Set(xs)] : undefined);

/**
 * The plain record life cycle of a CRM entity (contacts, companies): list, read, create, update,
 * delete and bulk actions, each write checking custom values and the owner and emitting
 * `crm.<entity>.created|updated|deleted` in the same transaction. `check` adds the entity's own
 * rules (run before every write); `sets` names the array fields stored without repeats.
 */
export function recordService<T extends { id: string }, I extends Input>(spec: {
  table: EntityTable;
  notFound: (id: string) => AppError;
  sets: (keyof I & string)[];
  check?: (ctx: TenantCtx, input: I, creating: boolean) => Promise<void>;
}) {
  const { table } = spec;
  const entity = table.entity;
  const idKey = `${entity}Id`;
  const subject = (id: string) => ({ type: entity, id });

  const prepare = async (ctx: TenantCtx, input: I, creating: boolean) => {
    const custom = await checkCustom(ctx, entity, input.custom, creating);
    await assertMember(ctx, input.ownerId, 'body.ownerId');
    await spec.check?.(ctx, input, creating);
    const row: Record<string, unknown> = { ...input, custom };
    for (const k of spec.sets) row[k] = uniq(input[k]);
    return row;
  };

  return {
    list: async (ctx: TenantCtx, q: ListQuery) => runList<T>(ctx, table, await customTypesOf(ctx, entity), q),

    get: async (ctx: TenantCtx, id: string): Promise<T> => {
      const r = await getRecord<T>(ctx, table, id);
      if (!r) throw spec.notFound(id);
      return r;
    },

    create: async (ctx: TenantCtx, input: I): Promise<T> => {
      const r = await insertRecord<T>(ctx, table, await prepare(ctx, input, true));
      await emitEvent(ctx, `crm.${entity}.created`, { [idKey]: r.id }, subject(r.id));
      return r;
    },

    update: async (ctx: TenantCtx, id: string, input: I): Promise<T> => {
      const r = await updateRecord<T>(ctx, table, id, await prepare(ctx, input, false));
      if (!r) throw spec.notFound(id);
      await emitEvent(ctx, `crm.${entity}.updated`, { [idKey]: id, fields: Object.keys(input) }, subject(id));
      return r;
    },

    remove: async (ctx: TenantCtx, id: string): Promise<void> => {
      if (!(await deleteRecord(ctx, table, id))) throw spec.notFound(id);
      await emitEvent(ctx, `crm.${entity}.deleted`, { [idKey]: id }, subject(id));
    },

    bulkUpdate: (ctx: TenantCtx, t: BulkTarget, set: BulkSet) => bulkUpdateRecords(ctx, table, t, set),
    bulkDelete: (ctx: TenantCtx, t: BulkTarget) => bulkDeleteRecords(ctx, table, t),
  };
}
