import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec, withSystem, withTenant } from '../../../platform/db/tenant.js';
import type { DomainEvent } from '../../../platform/events.js';
import type { Hub } from '../../../platform/hub.js';
import { UUID_RE } from '../../../platform/ids.js';
import {
  enqueueLeadScore,
  enqueueRescoreAll,
  enqueueRetrain,
  NIGHTLY_RETRAIN_TASK,
  RESCORE_ALL_TASK,
  RETRAIN_TASK,
  SCORE_LEAD_TASK,
} from './scoring.jobs.js';
import { MIN_CLOSED_LEADS, rescoreBatch, retrain, scoreLead } from './scoring.service.js';

const str = (v: unknown) => (typeof v === 'string' && UUID_RE.test(v) ? v : undefined);

async function leadOfActivity(ctx: TenantCtx, e: DomainEvent) {
  const fromData = str(e.data.leadId);
  if (fromData) return fromData;
  if (e.subjectType !== 'activity' || !e.subjectId) return undefined;
  const { rows } = await exec<{ leadId: string | null }>(
    ctx.tx,
    sql`select lead_id as "leadId" from crm.activities where id = ${e.subjectId}`,
  );
  return rows[0]?.leadId ?? undefined;
}

/** Lead scoring: score jobs on lead and activity events, rescoring, retraining, nightly cron. */
export function registerScoring(hub: Hub) {
  hub.tasks.define<{ leadId: string }>(SCORE_LEAD_TASK, (base, { leadId }) =>
    withTenant(base, async (ctx) => {
      await scoreLead(ctx, leadId);
    }),
  );
  hub.tasks.define<{ afterId?: string | null }>(RESCORE_ALL_TASK, async (base, { afterId }) => {
    // Batches in their own transactions, so a large tenant never holds one long transaction.
    let cursor = afterId ?? null;
    do cursor = await withTenant(base, (ctx) => rescoreBatch(ctx, cursor));
    while (cursor);
  });
  hub.tasks.define(RETRAIN_TASK, (base) =>
    withTenant(base, async (ctx) => {
      await retrain(ctx);
      await enqueueRescoreAll(ctx);
    }),
  );
  hub.tasks.define(NIGHTLY_RETRAIN_TASK, async (base) => {
    const tenants = await withSystem(base, async (tx) => {
      const { rows } = await exec<{ tenantId: string }>(
        tx,
        sql`select tenant_id as "tenantId" from crm.leads where status in ('converted', 'unqualified')
          group by tenant_id having count(*) >= ${MIN_CLOSED_LEADS}`,
      );
      return rows;
    });
    for (const t of tenants)
      await withTenant(hub.systemCtx(t.tenantId, NIGHTLY_RETRAIN_TASK), enqueueRetrain);
  });
  hub.tasks.cron({ task: NIGHTLY_RETRAIN_TASK, schedule: '17 3 * * *' });

  hub.events.subscribe('crm.lead.*', 'crm.scoring.lead-changed', async (ctx, e) => {
    const leadId = e.subjectType === 'lead' ? str(e.subjectId) : str(e.data.leadId);
    if (leadId && e.type !== 'crm.lead.deleted') await enqueueLeadScore(ctx, leadId);
  });
  hub.events.subscribe('crm.activity.*', 'crm.scoring.activity-changed', async (ctx, e) => {
    const leadId = await leadOfActivity(ctx, e);
    if (leadId) await enqueueLeadScore(ctx, leadId);
  });
}
