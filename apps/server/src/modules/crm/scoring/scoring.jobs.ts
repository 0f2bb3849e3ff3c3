import type { TenantCtx } from '../../../platform/context.js';
import { addJob } from '../../../platform/jobs/jobs.js';

export const SCORE_LEAD_TASK = 'crm.scoring.score-lead';
export const RESCORE_ALL_TASK = 'crm.scoring.rescore-all';
export const RETRAIN_TASK = 'crm.scoring.retrain';
export const NIGHTLY_RETRAIN_TASK = 'crm.scoring.nightly-retrain';

/** One waiting job per lead: a burst of changes to a lead scores it once. */
export function enqueueLeadScore(ctx: TenantCtx, leadId: string) {
  return addJob(ctx, SCORE_LEAD_TASK, { leadId }, { jobKey: `crm-score:${leadId}` });
}

export function enqueueRescoreAll(ctx: TenantCtx) {
  return addJob(ctx, RESCORE_ALL_TASK, {}, { jobKey: 'crm-rescore-all' });
}

export function enqueueRetrain(ctx: TenantCtx) {
  return addJob(ctx, RETRAIN_TASK, {}, { jobKey: 'crm-retrain' });
}
