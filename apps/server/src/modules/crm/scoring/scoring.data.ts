import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import type { FeatureDef } from './features.js';
import type { LogisticModel } from './logistic.js';
import type { EngagementCondition, LeadRecord, Rule } from './rules.js';

export type LeadRow = LeadRecord & { id: string };

/** Leads with their activity and form-submission counts (one query, no per-lead round trips). */
export async function loadLeadFacts(ctx: TenantCtx, where: SQL, limit = 100_000): Promise<LeadRow[]> {
  const { rows } = await exec<LeadRow>(
    ctx.tx,
    sql`select l.id, l.first_name as "firstName", l.last_name as "lastName", l.email, l.phone,
        l.company_name as "companyName", l.job_title as "jobTitle", l.source, l.page_url as "pageUrl", l.status,
        coalesce(a.n, 0)::int as activities, coalesce(a.calls, 0)::int as calls,
        coalesce(a.meetings, 0)::int as meetings, coalesce(a.emails, 0)::int as emails,
        coalesce(e.n, 0)::int as "formSubmissions"
      from crm.leads l
      left join lateral (
        select count(*) as n, count(*) filter (where type = 'call') as calls,
          count(*) filter (where type = 'meeting') as meetings, count(*) filter (where type = 'email') as emails
        from crm.activities where lead_id = l.id) a on true
      left join lateral (
        select count(*) as n from platform.events
        where type = 'crm.lead.captured' and subject_type = 'lead' and subject_id = l.id) e on true
      where ${where} order by l.id limit ${limit}`,
  );
  return rows;
}

/** How often each engagement rule's event happened for a lead within the rule's window. */
export async function engagementCounts(ctx: TenantCtx, rules: Rule[], leadId: string) {
  const out = new Map<string, number>();
  for (const r of rules) {
    if (r.kind !== 'engagement') continue;
    const c: EngagementCondition = r.condition;
    const q =
      c.metric === 'form_submissions'
        ? sql`select count(*)::int as n from platform.events where type = 'crm.lead.captured'
            and subject_type = 'lead' and subject_id = ${leadId} and created_at > now() - make_interval(days => ${c.days})`
        : sql`select count(*)::int as n from crm.activities where lead_id = ${leadId}
            and (${c.activityType ?? null}::text is null or type = ${c.activityType ?? null})
            and occurred_at > now() - make_interval(days => ${c.days})`;
    const { rows } = await exec<{ n: number }>(ctx.tx, q);
    out.set(r.id, rows[0]?.n ?? 0);
  }
  return out;
}

export interface StoredModel {
  id: string;
  features: FeatureDef[];
  weights: LogisticModel;
  samples: number;
  metrics: Record<string, number>;
  trainedAt: string;
}

export async function latestModel(ctx: TenantCtx): Promise<StoredModel | undefined> {
  const { rows } = await exec<StoredModel>(
    ctx.tx,
    sql`select id, features, weights, samples, metrics, trained_at as "trainedAt"
      from crm.scoring_models order by trained_at desc, id desc limit 1`,
  );
  return rows[0];
}
