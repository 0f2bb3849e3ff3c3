import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { uuidv7 } from '../../../platform/ids.js';
import { featureSet, featureVector } from './features.js';
import { auc, contributions, logLoss, predict, sigmoid, trainLogistic } from './logistic.js';
import { type Reason, scoreRules } from './rules.js';
import { listRules } from './rules.service.js';
import { engagementCounts, latestModel, loadLeadFacts, type StoredModel } from './scoring.data.js';

/** Closed leads (converted = won, unqualified = lost) a tenant needs before its own model is used. */
export const MIN_CLOSED_LEADS = 50;
const round1 = (n: number) => Math.round(n * 10) / 10;

export interface LeadScore {
  leadId: string;
  score: number;
  reasons: Reason[];
  usedModel: boolean;
}

/**
 * Rules and the learned model, blended half and half when both exist; reasons are the matched
 * rules and the model's three largest contributions, in score points.
 */
export async function computeLeadScore(ctx: TenantCtx, leadId: string): Promise<LeadScore | undefined> {
  const [lead] = await loadLeadFacts(ctx, sql`l.id = ${leadId}`, 1);
  if (!lead) return undefined;
  const rules = await listRules(ctx);
  const model = await latestModel(ctx);
  const useModel = !!model && model.samples >= MIN_CLOSED_LEADS;
  const ruled = scoreRules(rules, lead, await engagementCounts(ctx, rules, leadId));
  if (!useModel) return { leadId, score: Math.round(ruled.score), reasons: ruled.reasons, usedModel: false };

  const ruleWeight = rules.length ? 0.5 : 0;
  const modelWeight = 1 - ruleWeight;
  const x = featureVector(model.features, lead);
  const contrib = contributions(model.weights, x);
  const logit = contrib.reduce((s, c) => s + c, model.weights.bias);
  const p = sigmoid(logit);
  const modelReasons: Reason[] = contrib
    .map((c, j) => ({ c, j }))
    .filter(({ c }) => Math.abs(c) > 1e-6)
    .sort((a, b) => Math.abs(b.c) - Math.abs(a.c))
    .slice(0, 3)
    .map(({ c, j }) => ({
      kind: 'model' as const,
      label: `${model.features[j]!.label} (learned)`,
      points: round1(modelWeight * 100 * (p - sigmoid(logit - c))),
    }))
    .filter((r) => r.points !== 0);
  const score = Math.round(Math.max(0, Math.min(100, ruleWeight * ruled.score + modelWeight * 100 * p)));
  const reasons = [
    ...ruled.reasons.map((r) => ({ ...r, points: round1(r.points * ruleWeight) })),
    ...modelReasons,
  ];
  reasons.sort((a, b) => Math.abs(b.points) - Math.abs(a.points));
  return { leadId, score, reasons, usedModel: true };
}

/** Computes and stores a lead's score (no event: a score is derived data, and events would loop). */
export async function scoreLead(ctx: TenantCtx, leadId: string): Promise<LeadScore | undefined> {
  const s = await computeLeadScore(ctx, leadId);
  if (!s) return undefined;
  await exec(
    ctx.tx,
    sql`update crm.leads set score = ${s.score}, score_reasons = ${JSON.stringify(s.reasons)}::jsonb
      where id = ${leadId} and (score is distinct from ${s.score} or score_reasons <> ${JSON.stringify(s.reasons)}::jsonb)`,
  );
  return s;
}

export interface ModelSummary {
  trained: boolean;
  closedLeads: number;
  minimum: number;
  model: {
    id: string;
    samples: number;
    trainedAt: string;
    metrics: Record<string, number>;
    weights: { feature: string; label: string; weight: number }[];
  } | null;
}

export function summarise(model: StoredModel | undefined, closed: number, trained: boolean): ModelSummary {
  return {
    trained,
    closedLeads: closed,
    minimum: MIN_CLOSED_LEADS,
    model:
      model && model.samples >= MIN_CLOSED_LEADS
        ? {
            id: model.id,
            samples: model.samples,
            trainedAt: model.trainedAt,
            metrics: model.metrics,
            weights: model.features
              .map((f, j) => ({
                feature: f.name,
                label: f.label,
                weight: round1(model.weights.weights[j]! * 100) / 100,
              }))
              .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)),
          }
        : null,
  };
}

export async function modelSummary(ctx: TenantCtx): Promise<ModelSummary> {
  const { rows } = await exec<{ n: number }>(
    ctx.tx,
    sql`select count(*)::int as n from crm.leads where status in ('converted', 'unqualified')`,
  );
  return summarise(await latestModel(ctx), rows[0]!.n, false);
}

/**
 * Learns the tenant's model from its closed leads. Metrics come from a hold-out fifth (every
 * fifth lead by id) of a fit on the other four fifths; the stored model is then fit on all.
 * Below the minimum no model is kept, so scoring uses the rules alone.
 */
export async function retrain(ctx: TenantCtx): Promise<ModelSummary> {
  const history = await loadLeadFacts(ctx, sql`l.status in ('converted', 'unqualified')`);
  if (history.length < MIN_CLOSED_LEADS) {
    await exec(ctx.tx, sql`delete from crm.scoring_models`);
    return summarise(undefined, history.length, false);
  }
  const defs = featureSet(history);
  const X = history.map((l) => featureVector(defs, l));
  const y: number[] = history.map((l) => (l.status === 'converted' ? 1 : 0));
  const holdout = (i: number) => i % 5 === 4;
  const trainIdx = X.map((_, i) => i).filter((i) => !holdout(i));
  const testIdx = X.map((_, i) => i).filter(holdout);
  const probe = trainLogistic(
    trainIdx.map((i) => X[i]!),
    trainIdx.map((i) => y[i]!),
  );
  const testScores = testIdx.map((i) => predict(probe, X[i]!));
  const model = trainLogistic(X, y);
  const trainScores = X.map((x) => predict(model, x));
  const positives = y.reduce((s, v) => s + v, 0);
  const metrics = {
    auc:
      round1(
        auc(
          testScores,
          testIdx.map((i) => y[i]!),
        ) * 1000,
      ) / 1000,
    trainAuc: round1(auc(trainScores, y) * 1000) / 1000,
    logLoss: round1(logLoss(trainScores, y) * 1000) / 1000,
    holdout: testIdx.length,
    positives,
    baseRate: round1((positives / y.length) * 1000) / 1000,
  };
  const id = uuidv7();
  await exec(ctx.tx, sql`delete from crm.scoring_models`);
  const { rows } = await exec<{ trainedAt: string }>(
    ctx.tx,
    sql`insert into crm.scoring_models (tenant_id, id, features, weights, samples, metrics)
      values (${ctx.tenantId}, ${id}, ${JSON.stringify(defs)}::jsonb, ${JSON.stringify(model)}::jsonb, ${history.length},
        ${JSON.stringify(metrics)}::jsonb) returning trained_at as "trainedAt"`,
  );
  const stored: StoredModel = {
    id,
    features: defs,
    weights: model,
    samples: history.length,
    metrics,
    trainedAt: rows[0]!.trainedAt,
  };
  return summarise(stored, history.length, true);
}

/** Rescores every lead of the tenant, in batches of `batch` ids after `afterId`; returns the last id. */
export async function rescoreBatch(
  ctx: TenantCtx,
  afterId: string | null,
  batch = 200,
): Promise<string | null> {
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from crm.leads where (${afterId}::uuid is null or id > ${afterId}::uuid) order by id limit ${batch}`,
  );
  for (const r of rows) await scoreLead(ctx, r.id);
  return rows.length === batch ? rows[rows.length - 1]!.id : null;
}
