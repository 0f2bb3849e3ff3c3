import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { activeMembers } from '../../identity/index.js';
import type { Stage } from '../deals/pipelines.service.js';
import type { DateOrder } from './deal-values.js';
import type { BatchRow } from './import-writer.js';

/**
 * Deal imports go into one pipeline: its stages (matched by name), the tenant's members (owners by
 * e-mail) and the currency a deal gets when the file has none.
 *
 * Events: like the contact, company and lead imports (one multi-row upsert per batch, no per-row
 * events), a deal import emits no crm.deal.created/won/lost events; the import record with its
 * counts is the trace. Historical won/lost deals must not trigger automations as if just closed.
 */
export interface DealContext {
  pipelineId: string;
  stages: Pick<Stage, 'id' | 'name' | 'kind'>[];
  /** Lower-cased e-mail → user id of an active member. */
  members: Map<string, string>;
  currency: string;
  /** How this file writes numeric dates with the year last (set by the job from the file). */
  dateOrder?: DateOrder;
}

const GAP = 1024;

export const pipelineError = (message: string) =>
  new AppError('CRM.IMPORT_PIPELINE', 400, `body.pipelineId: ${message}`, {
    errors: [{ field: 'body.pipelineId', message }],
  });

/**
 * The pipeline a deal import goes into (400 naming body.pipelineId unless it is one of this
 * tenant's). The default currency is the one most of the pipeline's deals are in, else USD (the
 * deals module's default).
 */
export async function dealContext(
  ctx: TenantCtx,
  pipelineId: string | null | undefined,
): Promise<DealContext> {
  if (!pipelineId) throw pipelineError('a deal import needs the pipeline to import into');
  const { rows: stages } = await exec<DealContext['stages'][number]>(
    ctx.tx,
    sql`select s.id, s.name, s.kind from crm.pipelines p join crm.stages s on s.pipeline_id = p.id
      where p.id = ${pipelineId} order by s.position, s.id`,
  );
  if (!stages.length) throw pipelineError('no such pipeline');
  const members = new Map((await activeMembers(ctx)).map((m) => [m.email.toLowerCase(), m.userId]));
  const { rows } = await exec<{ currency: string }>(
    ctx.tx,
    sql`select currency from crm.deals where pipeline_id = ${pipelineId}
      group by currency order by count(*) desc, currency limit 1`,
  );
  return { pipelineId, stages, members, currency: rows[0]?.currency ?? 'USD' };
}

/** The stage a file names (case-insensitive), the first open stage for an empty cell, else an error. */
export function stageByName(
  d: DealContext,
  raw: string,
): { stage: DealContext['stages'][number] } | { error: string } {
  const name = raw.trim().toLowerCase();
  const stage = d.stages.find((s) => s.name.trim().toLowerCase() === name);
  if (stage) return { stage };
  return {
    error: `stage: ${raw} is not a stage of this pipeline (${d.stages.map((s) => s.name).join(', ')})`,
  };
}

export const firstOpenStage = (d: DealContext) => d.stages.find((s) => s.kind === 'open') ?? d.stages[0]!;

type Prev = {
  ext: string;
  pipelineId: string;
  stageId: string;
  position: number;
  status: 'open' | 'won' | 'lost';
  closedAt: Date | null;
  lostReason: string | null;
  currency: string;
};

/** Lower-cased key → id where exactly one record matches (several or none: no link). */
async function uniqueIds(ctx: TenantCtx, text: string, keys: string[]): Promise<Map<string, string>> {
  if (!keys.length) return new Map();
  const { rows } = await ctx.tx.$client.query<{ k: string; n: number; id: string }>(text, [keys]);
  return new Map(rows.filter((r) => r.n === 1).map((r) => [r.k, r.id]));
}

/** Optional columns written only when mapped (field → column, cast). */
const OPTIONAL: [string, string, string][] = [
  ['amount', 'amount', 'numeric'],
  ['expectedCloseDate', 'expected_close_date', 'date'],
  ['ownerEmail', 'owner_id', 'uuid'],
  ['companyName', 'company_id', 'uuid'],
  ['contactEmail', 'contact_id', 'uuid'],
  ['tags', 'tags', 'text[]'],
  ['custom', 'custom', 'jsonb'],
  ['externalId', 'external_id', 'text'],
];

/**
 * Writes a batch of deals in one multi-row upsert on (tenant_id, external_id), placed as the deals
 * module places them: a new deal, or one that changes stage, goes to the end of its stage (in file
 * order, 1024 apart); a deal entering a won/lost stage gets that status and closed_at = now (kept
 * when it was already so); lost_reason only on lost deals. An empty stage cell puts a new deal in
 * the first open stage and leaves an existing deal of this pipeline where it is (a deal of another
 * pipeline moves into this one). Only mapped fields are updated.
 */
export async function writeDeals(
  ctx: TenantCtx,
  d: DealContext,
  fields: string[],
  rows: BatchRow[],
): Promise<{ created: number; updated: number }> {
  const q = <T extends object>(text: string, params: unknown[] = []) =>
    ctx.tx.$client.query<T & import('pg').QueryResultRow>(text, params);
  const stageIds = d.stages.map((s) => s.id);
  // Locks in the order a kanban move takes them (the deal, then its stage), so a drag during a
  // re-import waits instead of deadlocking: first the deals this batch updates, then the stages.
  const exts = rows.map((r) => r.values.get('externalId')).filter((e): e is string => typeof e === 'string');
  const prevs = new Map<string, Prev>();
  if (exts.length) {
    const { rows: found } = await q<Prev>(
      `select external_id as ext, pipeline_id as "pipelineId", stage_id as "stageId", position, status,
        closed_at as "closedAt", lost_reason as "lostReason", currency
        from crm.deals where external_id = any($1::text[]) order by id for update`,
      [exts],
    );
    for (const p of found) prevs.set(p.ext, p);
  }
  // The stages: positions at the end of a stage are not handed out twice.
  await q('select 1 from crm.stages where id = any($1::uuid[]) order by id for update', [stageIds]);
  const now = (await q<{ now: Date }>('select now() as now')).rows[0]!.now;
  const ends = new Map(
    (
      await q<{ stageId: string; p: number }>(
        `select stage_id as "stageId", max(position) as p from crm.deals
          where stage_id = any($1::uuid[]) group by stage_id`,
        [stageIds],
      )
    ).rows.map((r) => [r.stageId, r.p]),
  );
  const lower = (f: string) => [
    ...new Set(
      rows
        .map((r) => r.values.get(f))
        .filter((v): v is string => typeof v === 'string')
        .map((v) => v.toLowerCase()),
    ),
  ];
  const companies = fields.includes('companyName')
    ? await uniqueIds(
        ctx,
        `select lower(name) as k, count(*)::int as n, min(id::text) as id from crm.companies
          where lower(name) = any($1::text[]) group by 1`,
        lower('companyName'),
      )
    : new Map<string, string>();
  const contacts = fields.includes('contactEmail')
    ? await uniqueIds(
        ctx,
        `select lower(e::text) as k, count(distinct c.id)::int as n, min(c.id::text) as id
          from crm.contacts c cross join unnest(c.emails) e
          where c.emails && $1::citext[] and lower(e::text) = any($1::text[]) group by 1`,
        lower('contactEmail'),
      )
    : new Map<string, string>();

  const optional = OPTIONAL.filter(([f]) => fields.includes(f));
  const params: unknown[] = [];
  const tuples: string[] = [];
  const p = (v: unknown, cast: string) => {
    params.push(v);
    return `$${params.length}::${cast}`;
  };
  for (const r of rows) {
    const v = r.values;
    const ext = v.get('externalId');
    const prev = typeof ext === 'string' ? prevs.get(ext) : undefined;
    const given = v.get('stage') as DealContext['stages'][number] | null | undefined;
    const keep = !given && prev && prev.pipelineId === d.pipelineId;
    const stage = given ?? firstOpenStage(d);
    const stageId = keep ? prev.stageId : stage.id;
    const status = keep ? prev.status : stage.kind;
    let position: number;
    if (prev && prev.stageId === stageId) position = prev.position;
    else {
      position = (ends.get(stageId) ?? 0) + GAP;
      ends.set(stageId, position);
    }
    const closedAt = status === 'open' ? null : prev?.status === status ? (prev.closedAt ?? now) : now;
    const lostReason =
      status !== 'lost'
        ? null
        : fields.includes('lostReason')
          ? ((v.get('lostReason') as string | null) ?? null)
          : (prev?.lostReason ?? null);
    // The currency cell, else a code in the amount cell ("1200 EUR"), else the deal's or the default.
    const currency =
      (v.get('currency') as string | null | undefined) ??
      (v.get('amountCurrency') as string | undefined) ??
      prev?.currency ??
      d.currency;
    const ph = [
      p(ctx.tenantId, 'uuid'),
      p(uuidv7(), 'uuid'),
      p(v.get('name'), 'text'),
      p(keep ? prev.pipelineId : d.pipelineId, 'uuid'),
      p(stageId, 'uuid'),
      p(position, 'float8'),
      p(status, 'text'),
      p(closedAt, 'timestamptz'),
      p(lostReason, 'text'),
      p(currency, 'text'),
    ];
    for (const [f, , cast] of optional) {
      const raw = v.get(f);
      const value =
        f === 'ownerEmail'
          ? (v.get('ownerId') ?? null)
          : f === 'companyName'
            ? typeof raw === 'string'
              ? (companies.get(raw.toLowerCase()) ?? null)
              : null
            : f === 'contactEmail'
              ? typeof raw === 'string'
                ? (contacts.get(raw.toLowerCase()) ?? null)
                : null
              : f === 'custom'
                ? JSON.stringify(raw ?? {})
                : f === 'tags'
                  ? (raw ?? [])
                  : f === 'amount'
                    ? (raw ?? 0)
                    : (raw ?? null);
      ph.push(p(value, cast));
    }
    tuples.push(`(${ph.join(', ')})`);
  }
  const always = [
    'name',
    'pipeline_id',
    'stage_id',
    'position',
    'status',
    'closed_at',
    'lost_reason',
    'currency',
  ];
  const names = [...always, ...optional.map(([, c]) => c)];
  const sets = names
    .filter((n) => n !== 'external_id')
    .map((n) => (n === 'custom' ? 'custom = t.custom || excluded.custom' : `${n} = excluded.${n}`));
  sets.push('updated_at = now()');
  const text = `insert into crm.deals as t (tenant_id, id, ${names.join(', ')}) values ${tuples.join(', ')}
    ${fields.includes('externalId') ? `on conflict (tenant_id, external_id) do update set ${sets.join(', ')}` : ''}
    returning (xmax = 0) as created`;
  const { rows: out } = await q<{ created: boolean }>(text, params);
  const created = out.filter((r) => r.created).length;
  return { created, updated: out.length - created };
}
