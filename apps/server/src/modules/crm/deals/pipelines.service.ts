import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';

export type StageKind = 'open' | 'won' | 'lost';
export type Stage = {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
};
export type Pipeline = {
  id: string;
  name: string;
  isDefault: boolean;
  position: number;
  createdAt: string;
  stages: Stage[];
};
export type StageInput = { name: string; probability?: number; kind?: StageKind };

export const DEFAULT_STAGES: StageInput[] = [
  { name: 'Lead', probability: 10 },
  { name: 'Qualified', probability: 25 },
  { name: 'Proposal', probability: 50 },
  { name: 'Negotiation', probability: 75 },
  { name: 'Won', probability: 100, kind: 'won' },
  { name: 'Lost', probability: 0, kind: 'lost' },
];

const stageCols = sql`id, pipeline_id as "pipelineId", name, position, probability, kind`;

async function insertStages(ctx: TenantCtx, pipelineId: string, stages: StageInput[], from = 0) {
  for (const [i, s] of stages.entries()) {
    await exec(
      ctx.tx,
      sql`insert into crm.stages (tenant_id, id, pipeline_id, name, position, probability, kind)
        values (${ctx.tenantId}, ${uuidv7()}, ${pipelineId}, ${s.name}, ${from + i}, ${s.probability ?? 0}, ${s.kind ?? 'open'})`,
    );
  }
}

/** The tenant's default pipeline, created with the standard stages on first use (race-safe). */
export async function ensureDefaultPipeline(ctx: TenantCtx): Promise<string> {
  const found = await exec<{ id: string }>(ctx.tx, sql`select id from crm.pipelines where is_default`);
  if (found.rows[0]) return found.rows[0].id;
  const id = uuidv7();
  const { rowCount } = await exec(
    ctx.tx,
    sql`insert into crm.pipelines (tenant_id, id, name, is_default, position)
      values (${ctx.tenantId}, ${id}, 'Sales', true, 0)
      on conflict (tenant_id) where is_default do nothing`,
  );
  if (!rowCount) {
    const again = await exec<{ id: string }>(ctx.tx, sql`select id from crm.pipelines where is_default`);
    return again.rows[0]!.id;
  }
  await insertStages(ctx, id, DEFAULT_STAGES);
  return id;
}

async function stagesOf(ctx: TenantCtx, pipelineIds: string[]): Promise<Stage[]> {
  if (!pipelineIds.length) return [];
  const { rows } = await exec<Stage>(
    ctx.tx,
    sql`select ${stageCols} from crm.stages where pipeline_id = any(${sql.param(pipelineIds)}::uuid[])
      order by position, id`,
  );
  return rows;
}

const pipelineCols = sql`id, name, is_default as "isDefault", position, created_at as "createdAt"`;

export async function listPipelines(ctx: TenantCtx): Promise<Pipeline[]> {
  await ensureDefaultPipeline(ctx);
  const { rows } = await exec<Omit<Pipeline, 'stages'>>(
    ctx.tx,
    sql`select ${pipelineCols} from crm.pipelines order by is_default desc, position, id`,
  );
  const stages = await stagesOf(
    ctx,
    rows.map((p) => p.id),
  );
  return rows.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id) }));
}

export async function getPipeline(ctx: TenantCtx, id: string, lock = false): Promise<Pipeline> {
  const { rows } = await exec<Omit<Pipeline, 'stages'>>(
    ctx.tx,
    sql`select ${pipelineCols} from crm.pipelines where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  if (!rows[0]) throw new AppError('CRM.PIPELINE_NOT_FOUND', 404, `Pipeline ${id} was not found`);
  return { ...rows[0], stages: await stagesOf(ctx, [id]) };
}

export async function createPipeline(
  ctx: TenantCtx,
  input: { name: string; isDefault?: boolean; stages?: StageInput[] },
): Promise<Pipeline> {
  await ensureDefaultPipeline(ctx);
  const id = uuidv7();
  if (input.isDefault) await exec(ctx.tx, sql`update crm.pipelines set is_default = false where is_default`);
  await exec(
    ctx.tx,
    sql`insert into crm.pipelines (tenant_id, id, name, is_default, position)
      values (${ctx.tenantId}, ${id}, ${input.name}, ${input.isDefault ?? false},
        (select coalesce(max(position) + 1, 0) from crm.pipelines))`,
  );
  await insertStages(ctx, id, input.stages ?? DEFAULT_STAGES);
  return getPipeline(ctx, id);
}

export async function updatePipeline(
  ctx: TenantCtx,
  id: string,
  patch: { name?: string; isDefault?: true; position?: number },
): Promise<Pipeline> {
  const p = await getPipeline(ctx, id, true);
  if (patch.isDefault && !p.isDefault)
    await exec(ctx.tx, sql`update crm.pipelines set is_default = false where is_default`);
  await exec(
    ctx.tx,
    sql`update crm.pipelines set name = ${patch.name ?? p.name}, position = ${patch.position ?? p.position},
      is_default = ${patch.isDefault ?? p.isDefault} where id = ${id}`,
  );
  return getPipeline(ctx, id);
}

export async function deletePipeline(ctx: TenantCtx, id: string) {
  const p = await getPipeline(ctx, id, true);
  if (p.isDefault)
    throw new AppError(
      'CRM.PIPELINE_IS_DEFAULT',
      409,
      'The default pipeline cannot be deleted; make another one default first',
    );
  const { rows } = await exec<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from crm.deals where pipeline_id = ${id}`,
  );
  if (rows[0]!.n > 0)
    throw new AppError(
      'CRM.PIPELINE_HAS_DEALS',
      409,
      `The pipeline still has ${rows[0]!.n} deals; move or delete them first`,
    );
  await exec(ctx.tx, sql`delete from crm.pipelines where id = ${id}`);
}

export async function getStage(ctx: TenantCtx, pipelineId: string, stageId: string): Promise<Stage> {
  const { rows } = await exec<Stage>(
    ctx.tx,
    sql`select ${stageCols} from crm.stages where id = ${stageId} and pipeline_id = ${pipelineId}`,
  );
  if (!rows[0])
    throw new AppError('CRM.STAGE_NOT_FOUND', 404, `Stage ${stageId} was not found in this pipeline`);
  return rows[0];
}

export async function addStage(
  ctx: TenantCtx,
  pipelineId: string,
  input: StageInput & { position?: number },
) {
  const p = await getPipeline(ctx, pipelineId, true);
  const at = Math.min(input.position ?? p.stages.length, p.stages.length);
  await exec(
    ctx.tx,
    sql`update crm.stages set position = position + 1 where pipeline_id = ${pipelineId} and position >= ${at}`,
  );
  await insertStages(ctx, pipelineId, [input], at);
  return getPipeline(ctx, pipelineId);
}

export async function updateStage(
  ctx: TenantCtx,
  pipelineId: string,
  stageId: string,
  patch: { name?: string; probability?: number; kind?: StageKind },
) {
  await getPipeline(ctx, pipelineId, true);
  const s = await getStage(ctx, pipelineId, stageId);
  await exec(
    ctx.tx,
    sql`update crm.stages set name = ${patch.name ?? s.name}, probability = ${patch.probability ?? s.probability},
      kind = ${patch.kind ?? s.kind} where id = ${stageId}`,
  );
  return getPipeline(ctx, pipelineId);
}

export async function deleteStage(ctx: TenantCtx, pipelineId: string, stageId: string) {
  const p = await getPipeline(ctx, pipelineId, true);
  const s = await getStage(ctx, pipelineId, stageId);
  const { rows } = await exec<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from crm.deals where stage_id = ${stageId}`,
  );
  if (rows[0]!.n > 0)
    throw new AppError(
      'CRM.STAGE_HAS_DEALS',
      409,
      `The stage still has ${rows[0]!.n} deals; move them first`,
    );
  if (p.stages.length <= 1) throw new AppError('CRM.LAST_STAGE', 409, 'A pipeline needs at least one stage');
  await exec(ctx.tx, sql`delete from crm.stages where id = ${stageId}`);
  await exec(
    ctx.tx,
    sql`update crm.stages set position = position - 1 where pipeline_id = ${pipelineId} and position > ${s.position}`,
  );
  return getPipeline(ctx, pipelineId);
}

/** Reorders all stages of a pipeline: `stageIds` must list each of its stages exactly once. */
export async function reorderStages(ctx: TenantCtx, pipelineId: string, stageIds: string[]) {
  const p = await getPipeline(ctx, pipelineId, true);
  const have = new Set(p.stages.map((s) => s.id));
  if (
    stageIds.length !== have.size ||
    new Set(stageIds).size !== stageIds.length ||
    !stageIds.every((id) => have.has(id))
  )
    throw new AppError(
      'CRM.STAGE_ORDER_INVALID',
      400,
      'body.stageIds: must list every stage of the pipeline exactly once',
    );
  await exec(
    ctx.tx,
    sql`update crm.stages s set position = o.ord - 1
      from unnest(${sql.param(stageIds)}::uuid[]) with ordinality as o(id, ord) where s.id = o.id`,
  );
  return getPipeline(ctx, pipelineId);
}
