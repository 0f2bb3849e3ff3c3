import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { type Deal, dealCols } from './deals.service.js';
import { getPipeline } from './pipelines.service.js';

/**
 * A pipeline as a kanban board in two queries: every stage with its deal count and amount, and
 * the first `perStage` deals of each stage in board order (position, then id).
 */
export async function pipelineBoard(ctx: TenantCtx, pipelineId: string, perStage: number) {
  const pipeline = await getPipeline(ctx, pipelineId);
  const stats = await exec<{ stageId: string; count: number; amount: number }>(
    ctx.tx,
    sql`select stage_id as "stageId", count(*)::int as count, sum(amount)::float8 as amount
      from crm.deals where pipeline_id = ${pipelineId} group by stage_id`,
  );
  const deals = await exec<Deal>(
    ctx.tx,
    sql`select ${dealCols} from (
        select *, row_number() over (partition by stage_id order by position, id) as n
        from crm.deals where pipeline_id = ${pipelineId}
      ) d where n <= ${perStage} order by stage_id, position, id`,
  );
  const { stages, ...head } = pipeline;
  return {
    pipeline: head,
    columns: stages.map((stage) => {
      const s = stats.rows.find((r) => r.stageId === stage.id);
      return {
        stage,
        count: s?.count ?? 0,
        amount: s?.amount ?? 0,
        deals: deals.rows.filter((d) => d.stageId === stage.id),
      };
    }),
  };
}
