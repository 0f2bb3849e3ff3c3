import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { uuidv7 } from '../../../platform/ids.js';
import { checkCustom, customTypesOf } from '../custom-fields/index.js';
import { type ListQuery, runList } from '../lists/index.js';
import { assertLinks, assertMember, setList } from './common.js';
import { dealTable } from './deal-table.js';
import { ensureDefaultPipeline, getPipeline } from './pipelines.service.js';

export type DealStatus = 'open' | 'won' | 'lost';
export type Deal = {
  id: string;
  name: string;
  pipelineId: string;
  stageId: string;
  position: number;
  amount: number;
  currency: string;
  expectedCloseDate: string | null;
  status: DealStatus;
  lostReason: string | null;
  contactId: string | null;
  companyId: string | null;
  ownerId: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  closedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type DealInput = {
  name: string;
  pipelineId?: string;
  stageId?: string;
  amount?: number;
  currency?: string;
  expectedCloseDate?: string | null;
  contactId?: string | null;
  companyId?: string | null;
  ownerId?: string | null;
  tags?: string[];
  custom?: Record<string, unknown>;
};

export const dealCols = sql`id, name, pipeline_id as "pipelineId", stage_id as "stageId", position,
  amount::float8 as amount, currency, to_char(expected_close_date, 'YYYY-MM-DD') as "expectedCloseDate",
  status, lost_reason as "lostReason", contact_id as "contactId", company_id as "companyId",
  owner_id as "ownerId", tags, custom, closed_at as "closedAt", created_at as "createdAt", updated_at as "updatedAt"`;

export async function getDeal(ctx: TenantCtx, id: string, lock = false): Promise<Deal> {
  const { rows } = await exec<Deal>(
    ctx.tx,
    sql`select ${dealCols} from crm.deals where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  if (!rows[0]) throw new AppError('CRM.DEAL_NOT_FOUND', 404, `Deal ${id} was not found`);
  return rows[0];
}

export type DealFilter = ListQuery & {
  status?: DealStatus;
  pipelineId?: string;
  stageId?: string;
  ownerId?: string;
  contactId?: string;
  companyId?: string;
};

/** The shared CRM list (filter, q, sort, keyset cursor) narrowed by the deal-specific filters. */
export async function listDeals(ctx: TenantCtx, f: DealFilter) {
  const where: SQL[] = [sql`true`];
  if (f.status) where.push(sql`status = ${f.status}`);
  if (f.pipelineId) where.push(sql`pipeline_id = ${f.pipelineId}`);
  if (f.stageId) where.push(sql`stage_id = ${f.stageId}`);
  if (f.ownerId) where.push(sql`owner_id = ${f.ownerId}`);
  if (f.contactId) where.push(sql`contact_id = ${f.contactId}`);
  if (f.companyId) where.push(sql`company_id = ${f.companyId}`);
  return runList<Deal>(ctx, dealTable, await customTypesOf(ctx, 'deal'), f, sql.join(where, sql` and `));
}

/** Resolves pipeline and stage: the default pipeline and its first open stage unless given. */
async function placement(ctx: TenantCtx, pipelineId?: string, stageId?: string) {
  const pid = pipelineId ?? (stageId ? undefined : await ensureDefaultPipeline(ctx));
  if (!pid) {
    const { rows } = await exec<{ pipelineId: string }>(
      ctx.tx,
      sql`select pipeline_id as "pipelineId" from crm.stages where id = ${stageId}`,
    );
    if (!rows[0]) throw new AppError('CRM.STAGE_NOT_FOUND', 400, 'body.stageId: no such stage');
    return placement(ctx, rows[0].pipelineId, stageId);
  }
  const p = await getPipeline(ctx, pid).catch((err) => {
    if (err instanceof AppError && err.status === 404)
      throw new AppError('CRM.PIPELINE_NOT_FOUND', 400, 'body.pipelineId: no such pipeline');
    throw err;
  });
  const stage = stageId
    ? p.stages.find((s) => s.id === stageId)
    : (p.stages.find((s) => s.kind === 'open') ?? p.stages[0]);
  if (!stage) throw new AppError('CRM.STAGE_NOT_FOUND', 400, 'body.stageId: no such stage in this pipeline');
  return { pipelineId: p.id, stage };
}

/** The position after the stage's last deal; locks the stage (as moves and imports do) so it is not handed out twice. */
async function endOfStage(ctx: TenantCtx, stageId: string): Promise<number> {
  await exec(ctx.tx, sql`select 1 from crm.stages where id = ${stageId} for update`);
  const { rows } = await exec<{ p: number }>(
    ctx.tx,
    sql`select coalesce(max(position), 0) + 1024 as p from crm.deals where stage_id = ${stageId}`,
  );
  return rows[0]!.p;
}

export async function createDeal(ctx: TenantCtx, input: DealInput): Promise<Deal> {
  const { pipelineId, stage } = await placement(ctx, input.pipelineId, input.stageId);
  await assertLinks(ctx, { contactId: input.contactId, companyId: input.companyId });
  await assertMember(ctx, input.ownerId, 'body.ownerId');
  const custom = (await checkCustom(ctx, 'deal', input.custom, true)) ?? {};
  const id = uuidv7();
  const status: DealStatus = stage.kind;
  await exec(
    ctx.tx,
    sql`insert into crm.deals (tenant_id, id, name, pipeline_id, stage_id, position, amount, currency,
        expected_close_date, status, contact_id, company_id, owner_id, tags, custom, closed_at)
      values (${ctx.tenantId}, ${id}, ${input.name}, ${pipelineId}, ${stage.id}, ${await endOfStage(ctx, stage.id)},
        ${input.amount ?? 0}, ${input.currency ?? 'USD'}, ${input.expectedCloseDate ?? null}, ${status},
        ${input.contactId ?? null}, ${input.companyId ?? null}, ${input.ownerId ?? null},
        ${sql.param(input.tags ?? [])}::text[], ${JSON.stringify(custom)}::jsonb,
        ${status === 'open' ? null : sql`now()`})`,
  );
  const deal = await getDeal(ctx, id);
  await emitEvent(
    ctx,
    'crm.deal.created',
    { name: deal.name, amount: deal.amount, stageId: stage.id },
    { type: 'deal', id },
  );
  return deal;
}

export type DealPatch = Omit<Partial<DealInput>, 'pipelineId' | 'stageId' | 'name'> & { name?: string };

export async function updateDeal(ctx: TenantCtx, id: string, patch: DealPatch): Promise<Deal> {
  await getDeal(ctx, id, true);
  await assertLinks(ctx, { contactId: patch.contactId, companyId: patch.companyId });
  await assertMember(ctx, patch.ownerId, 'body.ownerId');
  const custom = await checkCustom(ctx, 'deal', patch.custom, false);
  const sets = setList(patch, {
    name: 'name',
    amount: 'amount',
    currency: 'currency',
    expectedCloseDate: 'expected_close_date',
    contactId: 'contact_id',
    companyId: 'company_id',
    ownerId: 'owner_id',
    tags: 'tags',
  });
  if (custom) sets.push(sql`custom = custom || ${JSON.stringify(custom)}::jsonb`);
  if (sets.length) {
    await exec(
      ctx.tx,
      sql`update crm.deals set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id}`,
    );
    await emitEvent(ctx, 'crm.deal.updated', { fields: Object.keys(patch) }, { type: 'deal', id });
  }
  return getDeal(ctx, id);
}

export async function deleteDeal(ctx: TenantCtx, id: string) {
  const deal = await getDeal(ctx, id, true);
  await exec(ctx.tx, sql`delete from crm.deals where id = ${id}`);
  await emitEvent(ctx, 'crm.deal.deleted', { name: deal.name }, { type: 'deal', id });
}
