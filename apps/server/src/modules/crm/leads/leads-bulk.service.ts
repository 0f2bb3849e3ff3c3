import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { checkCustom } from '../custom-fields/index.js';
import { assertMember, type BulkSet, bulkUpdate } from '../lists/index.js';
import { enqueueLeadScore, enqueueRescoreAll } from '../scoring/scoring.jobs.js';
import { type BulkTarget, bulkDeleteRecords, bulkWhere } from '../shared/bulk-target.js';
import { leadTable } from './lead-table.js';
import type { LeadStatus } from './leads.service.js';

export type LeadBulkSet = BulkSet & { status?: Exclude<LeadStatus, 'converted'> };

/** Above this many changed leads one rescore-all job replaces the per-lead score jobs. */
export const BULK_SCORE_JOBS_MAX = 200;

/**
 * Tags, owner, custom values and status of many leads (by ids or filter) in one UPDATE. The rows
 * are locked first; a status change on a converted lead is refused (409), as for a single lead.
 * The changed leads get their score jobs, like a single change (one rescore-all for big batches).
 */
export async function bulkUpdateLeads(ctx: TenantCtx, t: BulkTarget, set: LeadBulkSet): Promise<number> {
  const custom = await checkCustom(ctx, 'lead', set.custom, false);
  await assertMember(ctx, set.ownerId, 'body.set.ownerId');
  const { rows } = await exec<{ id: string; status: LeadStatus }>(
    ctx.tx,
    sql`select id, status from crm.leads where ${await bulkWhere(ctx, leadTable, t)} order by id for update`,
  );
  if (!rows.length) return 0;
  const converted = rows.filter((r) => r.status === 'converted').length;
  if (set.status && converted)
    throw new AppError(
      'CRM.LEAD_CONVERTED',
      409,
      `body.set.status: ${converted} of the leads are converted and keep their status`,
      { errors: [{ field: 'body.set.status', message: 'converted leads keep their status' }] },
    );
  const ids = rows.map((r) => r.id);
  const n = await bulkUpdate(
    ctx,
    leadTable,
    sql`id = any(${sql.param(ids)}::uuid[])`,
    { ...set, custom },
    set.status ? [sql`status = ${set.status}`] : [],
  );
  await emitEvent(ctx, 'crm.lead.bulk-updated', {
    count: n,
    set: Object.keys(set),
    ...(set.status ? { status: set.status } : {}),
  });
  if (ids.length > BULK_SCORE_JOBS_MAX) await enqueueRescoreAll(ctx);
  else for (const id of ids) await enqueueLeadScore(ctx, id);
  return n;
}

/** Deletes many leads (by ids or filter); one event with the count, as for contacts. */
export async function bulkDeleteLeads(ctx: TenantCtx, t: BulkTarget): Promise<number> {
  return bulkDeleteRecords(ctx, leadTable, t);
}
