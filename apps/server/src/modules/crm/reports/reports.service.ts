import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';

/** A closed date range [from, to] in UTC days; the last 90 days unless given. */
export type Period = { from?: string; to?: string };

export function period(p: Period) {
  const day = 86_400_000;
  const to = p.to ?? new Date().toISOString().slice(0, 10);
  const from = p.from ?? new Date(Date.parse(to) - 89 * day).toISOString().slice(0, 10);
  if (from > to) throw new AppError('CRM.PERIOD_INVALID', 400, 'querystring.to: must not be before from');
  return { from, to };
}

/** `col` within [from, to] (to inclusive, whole UTC days). */
const within = (col: SQL, p: { from: string; to: string }) =>
  sql`${col} >= ${p.from}::date and ${col} < ${p.to}::date + 1`;

/** How many records the tenant has: contacts, companies, leads (open ones: not converted) and deals by status. */
export async function recordCounts(ctx: TenantCtx) {
  const { rows } = await exec<{
    contacts: number;
    companies: number;
    leads: number;
    openLeads: number;
    open: number;
    won: number;
    lost: number;
  }>(
    ctx.tx,
    sql`select
      (select count(*) from crm.contacts)::int as contacts,
      (select count(*) from crm.companies)::int as companies,
      (select count(*) from crm.leads)::int as leads,
      (select count(*) from crm.leads where status <> 'converted')::int as "openLeads",
      (select count(*) filter (where status = 'open') from crm.deals)::int as open,
      (select count(*) filter (where status = 'won') from crm.deals)::int as won,
      (select count(*) filter (where status = 'lost') from crm.deals)::int as lost`,
  );
  const r = rows[0]!;
  return {
    contacts: r.contacts,
    companies: r.companies,
    leads: { total: r.leads, open: r.openLeads },
    deals: { open: r.open, won: r.won, lost: r.lost },
  };
}

export type StageRow = {
  pipelineId: string;
  pipelineName: string;
  stageId: string;
  name: string;
  kind: 'open' | 'won' | 'lost';
  probability: number;
  position: number;
  count: number;
  amount: number;
};

/** Deals by stage per pipeline: count and amount in every stage (empty stages included). */
export async function dealsByStage(ctx: TenantCtx, f: { pipelineId?: string; currency?: string }) {
  const { rows } = await exec<StageRow>(
    ctx.tx,
    sql`select p.id as "pipelineId", p.name as "pipelineName", s.id as "stageId", s.name, s.kind, s.probability, s.position,
        count(d.id)::int as count, coalesce(sum(d.amount), 0)::float8 as amount
      from crm.pipelines p
      join crm.stages s on s.pipeline_id = p.id
      left join crm.deals d on d.stage_id = s.id ${f.currency ? sql`and d.currency = ${f.currency}` : sql``}
      ${f.pipelineId ? sql`where p.id = ${f.pipelineId}` : sql``}
      group by p.tenant_id, p.id, s.tenant_id, s.id
      order by p.is_default desc, p.position, p.id, s.position`,
  );
  type StageOut = Pick<StageRow, 'stageId' | 'name' | 'kind' | 'probability' | 'count' | 'amount'>;
  const pipelines = new Map<
    string,
    { pipelineId: string; name: string; count: number; amount: number; stages: StageOut[] }
  >();
  for (const r of rows) {
    let p = pipelines.get(r.pipelineId);
    if (!p) {
      p = { pipelineId: r.pipelineId, name: r.pipelineName, count: 0, amount: 0, stages: [] };
      pipelines.set(r.pipelineId, p);
    }
    p.count += r.count;
    p.amount = Math.round((p.amount + r.amount) * 100) / 100;
    p.stages.push({
      stageId: r.stageId,
      name: r.name,
      kind: r.kind,
      probability: r.probability,
      count: r.count,
      amount: r.amount,
    });
  }
  return { items: [...pipelines.values()] };
}

/** Won / (won + lost) among deals closed in the period. */
export async function winRate(ctx: TenantCtx, f: Period & { pipelineId?: string; ownerId?: string }) {
  const p = period(f);
  const { rows } = await exec<{ won: number; lost: number; wonAmount: number; lostAmount: number }>(
    ctx.tx,
    sql`select count(*) filter (where status = 'won')::int as won, count(*) filter (where status = 'lost')::int as lost,
        coalesce(sum(amount) filter (where status = 'won'), 0)::float8 as "wonAmount",
        coalesce(sum(amount) filter (where status = 'lost'), 0)::float8 as "lostAmount"
      from crm.deals where status <> 'open' and ${within(sql`closed_at`, p)}
        ${f.pipelineId ? sql`and pipeline_id = ${f.pipelineId}` : sql``}
        ${f.ownerId ? sql`and owner_id = ${f.ownerId}` : sql``}`,
  );
  const r = rows[0]!;
  const closed = r.won + r.lost;
  return { ...p, ...r, closed, winRate: closed ? Math.round((r.won / closed) * 10_000) / 10_000 : null };
}

/** Leads created in the period by source, and how many of them are converted. */
export async function leadConversion(ctx: TenantCtx, f: Period) {
  const p = period(f);
  const { rows } = await exec<{ source: string | null; leads: number; converted: number }>(
    ctx.tx,
    sql`select source, count(*)::int as leads, count(*) filter (where status = 'converted')::int as converted
      from crm.leads where ${within(sql`created_at`, p)}
      group by source order by count(*) desc, source nulls last`,
  );
  const rate = (c: number, n: number) => (n ? Math.round((c / n) * 10_000) / 10_000 : null);
  const leads = rows.reduce((s, r) => s + r.leads, 0);
  const converted = rows.reduce((s, r) => s + r.converted, 0);
  return {
    ...p,
    items: rows.map((r) => ({ ...r, rate: rate(r.converted, r.leads) })),
    total: { leads, converted, rate: rate(converted, leads) },
  };
}

/** Open deals by expected close month: amount, and amount × stage probability. */
export async function forecast(ctx: TenantCtx, f: Period & { pipelineId?: string; currency?: string }) {
  const p = {
    from: f.from ?? new Date().toISOString().slice(0, 8).concat('01'),
    to: f.to ?? new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10),
  };
  if (p.from > p.to) throw new AppError('CRM.PERIOD_INVALID', 400, 'querystring.to: must not be before from');
  const { rows } = await exec<{ month: string; deals: number; amount: number; weighted: number }>(
    ctx.tx,
    sql`select to_char(d.expected_close_date, 'YYYY-MM') as month, count(*)::int as deals,
        sum(d.amount)::float8 as amount, round(sum(d.amount * s.probability / 100.0), 2)::float8 as weighted
      from crm.deals d join crm.stages s on s.id = d.stage_id
      where d.status = 'open' and d.expected_close_date between ${p.from}::date and ${p.to}::date
        ${f.pipelineId ? sql`and d.pipeline_id = ${f.pipelineId}` : sql``}
        ${f.currency ? sql`and d.currency = ${f.currency}` : sql``}
      group by 1 order by 1`,
  );
  const total = rows.reduce(
    (t, r) => ({ deals: t.deals + r.deals, amount: t.amount + r.amount, weighted: t.weighted + r.weighted }),
    { deals: 0, amount: 0, weighted: 0 },
  );
  const cents = (n: number) => Math.round(n * 100) / 100;
  return {
    ...p,
    items: rows,
    total: { deals: total.deals, amount: cents(total.amount), weighted: cents(total.weighted) },
  };
}

/** Activities in the period per owner (the assignee, else who logged it), counted by type. */
export async function activityByOwner(ctx: TenantCtx, f: Period) {
  const p = period(f);
  const { rows } = await exec<{
    userId: string | null;
    note: number;
    task: number;
    call: number;
    meeting: number;
    email: number;
    total: number;
  }>(
    ctx.tx,
    sql`select coalesce(assignee_id, created_by) as "userId",
        count(*) filter (where type = 'note')::int as note, count(*) filter (where type = 'task')::int as task,
        count(*) filter (where type = 'call')::int as call, count(*) filter (where type = 'meeting')::int as meeting,
        count(*) filter (where type = 'email')::int as email, count(*)::int as total
      from crm.activities where ${within(sql`occurred_at`, p)}
      group by 1 order by total desc, 1 nulls last`,
  );
  return { ...p, items: rows };
}
