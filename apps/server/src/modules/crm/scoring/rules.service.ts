import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import type { Rule, RuleInput } from './rules.js';
import { enqueueRescoreAll } from './scoring.jobs.js';

const cols = sql`id, kind, label, condition, points, created_at as "createdAt"`;

export async function listRules(ctx: TenantCtx): Promise<Rule[]> {
  const { rows } = await exec<Rule>(
    ctx.tx,
    sql`select ${cols} from crm.scoring_rules order by created_at, id`,
  );
  return rows;
}

export async function createRule(ctx: TenantCtx, input: RuleInput): Promise<Rule> {
  const { rows } = await exec<Rule>(
    ctx.tx,
    sql`insert into crm.scoring_rules (tenant_id, id, kind, label, condition, points)
      values (${ctx.tenantId}, ${uuidv7()}, ${input.kind}, ${input.label}, ${JSON.stringify(input.condition)}::jsonb, ${input.points})
      returning ${cols}`,
  );
  await enqueueRescoreAll(ctx);
  return rows[0]!;
}

export async function updateRule(ctx: TenantCtx, id: string, input: RuleInput): Promise<Rule> {
  const { rows } = await exec<Rule>(
    ctx.tx,
    sql`update crm.scoring_rules set kind = ${input.kind}, label = ${input.label},
        condition = ${JSON.stringify(input.condition)}::jsonb, points = ${input.points}
      where id = ${id} returning ${cols}`,
  );
  if (!rows[0]) throw new AppError('CRM.SCORING_RULE_NOT_FOUND', 404, `Scoring rule ${id} was not found`);
  await enqueueRescoreAll(ctx);
  return rows[0];
}

export async function deleteRule(ctx: TenantCtx, id: string) {
  const { rowCount } = await exec(ctx.tx, sql`delete from crm.scoring_rules where id = ${id}`);
  if (!rowCount) throw new AppError('CRM.SCORING_RULE_NOT_FOUND', 404, `Scoring rule ${id} was not found`);
  await enqueueRescoreAll(ctx);
}
