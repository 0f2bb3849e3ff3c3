import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { type Deal, type DealStatus, getDeal } from './deals.service.js';
import type { Stage } from './pipelines.service.js';

export type MoveInput = { stageId: string; position?: number; beforeId?: string; afterId?: string };

const GAP = 1024;

async function stageById(ctx: TenantCtx, id: string): Promise<Stage> {
  const { rows } = await exec<Stage>(
    ctx.tx,
    sql`select id, pipeline_id as "pipelineId", name, position, probability, kind from crm.stages where id = ${id}`,
  );
  if (!rows[0]) throw new AppError('CRM.STAGE_NOT_FOUND', 400, 'body.stageId: no such stage');
  return rows[0];
}

async function neighbour(ctx: TenantCtx, dealId: string, stageId: string, id: string, field: string) {
  const { rows } = await exec<{ position: number }>(
    ctx.tx,
    sql`select position from crm.deals where id = ${id} and stage_id = ${stageId} and id <> ${dealId}`,
  );
  if (!rows[0])
    throw new AppError(
      'CRM.DEAL_NOT_IN_STAGE',
      400,
      `body.${field}: no other deal with this id in the target stage`,
    );
  return rows[0].position;
}

async function bound(ctx: TenantCtx, dealId: string, stageId: string, dir: 'above' | 'below', from: number) {
  const { rows } = await exec<{ p: number | null }>(
    ctx.tx,
    dir === 'above'
      ? sql`select min(position) as p from crm.deals where stage_id = ${stageId} and id <> ${dealId} and position > ${from}`
      : sql`select max(position) as p from crm.deals where stage_id = ${stageId} and id <> ${dealId} and position < ${from}`,
  );
  return rows[0]?.p ?? null;
}

/** Spreads a stage's positions evenly again when halving has run out of precision. */
async function renumber(ctx: TenantCtx, stageId: string) {
  await exec(
    ctx.tx,
    sql`update crm.deals d set position = o.n * ${GAP}
      from (select id, row_number() over (order by position, id) as n from crm.deals where stage_id = ${stageId}) o
      where d.id = o.id`,
  );
}

/** A position between the given neighbours: one update per kanban drag. */
async function targetPosition(
  ctx: TenantCtx,
  dealId: string,
  stageId: string,
  m: MoveInput,
  retried = false,
): Promise<number> {
  if (m.position !== undefined) return m.position;
  let lo: number | null = null;
  let hi: number | null = null;
  if (m.afterId) lo = await neighbour(ctx, dealId, stageId, m.afterId, 'afterId');
  if (m.beforeId) hi = await neighbour(ctx, dealId, stageId, m.beforeId, 'beforeId');
  if (lo !== null && hi !== null && lo >= hi)
    throw new AppError('CRM.MOVE_INVALID', 400, 'body.beforeId: must be a deal placed after afterId');
  if (lo !== null && hi === null) hi = await bound(ctx, dealId, stageId, 'above', lo);
  else if (hi !== null && lo === null) lo = await bound(ctx, dealId, stageId, 'below', hi);
  else if (lo === null && hi === null) {
    const { rows } = await exec<{ p: number | null }>(
      ctx.tx,
      sql`select max(position) as p from crm.deals where stage_id = ${stageId} and id <> ${dealId}`,
    );
    return (rows[0]?.p ?? 0) + GAP;
  }
  if (lo === null) return hi! - GAP;
  if (hi === null) return lo + GAP;
  const mid = lo + (hi - lo) / 2;
  if (mid > lo && mid < hi) return mid;
  if (retried) throw new AppError('CRM.MOVE_INVALID', 409, 'Could not place the deal; try again');
  await renumber(ctx, stageId);
  return targetPosition(ctx, dealId, stageId, m, true);
}

/** Status and its events when a deal enters a stage of another kind, or is closed by hand. */
async function setStatus(ctx: TenantCtx, deal: Deal, status: DealStatus, lostReason: string | null) {
  if (deal.status === status && (status !== 'lost' || lostReason === deal.lostReason)) return;
  await exec(
    ctx.tx,
    sql`update crm.deals set status = ${status}, lost_reason = ${status === 'lost' ? lostReason : null},
      closed_at = ${status === 'open' ? null : sql`coalesce(${deal.status === status ? sql`closed_at` : null}, now())`},
      updated_at = now() where id = ${deal.id}`,
  );
  if (deal.status === status) return;
  const data = { name: deal.name, amount: deal.amount, currency: deal.currency, stageId: deal.stageId };
  if (status === 'won') await emitEvent(ctx, 'crm.deal.won', data, { type: 'deal', id: deal.id });
  else if (status === 'lost')
    await emitEvent(ctx, 'crm.deal.lost', { ...data, reason: lostReason }, { type: 'deal', id: deal.id });
  else
    await emitEvent(ctx, 'crm.deal.reopened', { ...data, from: deal.status }, { type: 'deal', id: deal.id });
}

async function placeIn(ctx: TenantCtx, deal: Deal, stage: Stage, position: number) {
  await exec(
    ctx.tx,
    sql`update crm.deals set stage_id = ${stage.id}, pipeline_id = ${stage.pipelineId}, position = ${position},
      updated_at = now() where id = ${deal.id}`,
  );
  if (stage.id !== deal.stageId) {
    await emitEvent(
      ctx,
      'crm.deal.stage_changed',
      {
        fromStageId: deal.stageId,
        toStageId: stage.id,
        fromPipelineId: deal.pipelineId,
        toPipelineId: stage.pipelineId,
      },
      { type: 'deal', id: deal.id },
    );
  }
}

export async function moveDeal(ctx: TenantCtx, id: string, m: MoveInput): Promise<Deal> {
  const deal = await getDeal(ctx, id, true);
  const stage = await stageById(ctx, m.stageId);
  // Serialise moves within the target stage so two drags cannot pick the same gap.
  await exec(ctx.tx, sql`select 1 from crm.stages where id = ${stage.id} for update`);
  const position = await targetPosition(ctx, id, stage.id, m);
  await placeIn(ctx, deal, stage, position);
  await setStatus(
    ctx,
    { ...deal, stageId: stage.id },
    stage.kind,
    stage.kind === 'lost' ? deal.lostReason : null,
  );
  return getDeal(ctx, id);
}

/** The first stage of a kind in the deal's pipeline (won/lost columns; first open stage on reopen). */
async function stageOfKind(ctx: TenantCtx, pipelineId: string, kind: DealStatus): Promise<Stage | undefined> {
  const { rows } = await exec<Stage>(
    ctx.tx,
    sql`select id, pipeline_id as "pipelineId", name, position, probability, kind from crm.stages
      where pipeline_id = ${pipelineId} and kind = ${kind} order by position limit 1`,
  );
  return rows[0];
}

/** Marks a deal won, lost (with a reason) or open again; it moves to the pipeline's matching stage. */
export async function closeDeal(
  ctx: TenantCtx,
  id: string,
  status: DealStatus,
  reason: string | null = null,
) {
  const deal = await getDeal(ctx, id, true);
  const current = await stageById(ctx, deal.stageId);
  if (current.kind !== status) {
    const target = await stageOfKind(ctx, deal.pipelineId, status);
    if (target) {
      await exec(ctx.tx, sql`select 1 from crm.stages where id = ${target.id} for update`);
      await placeIn(ctx, deal, target, await targetPosition(ctx, id, target.id, { stageId: target.id }));
    }
  }
  await setStatus(ctx, deal, status, reason);
  return getDeal(ctx, id);
}
