import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { pageOf } from '../deals/common.js';

export type RecordKind = 'contact' | 'company' | 'deal' | 'lead';

const records: Record<RecordKind, { table: SQL; column: SQL; code: string; label: string }> = {
  contact: {
    table: sql`crm.contacts`,
    column: sql`contact_id`,
    code: 'CRM.CONTACT_NOT_FOUND',
    label: 'Contact',
  },
  company: {
    table: sql`crm.companies`,
    column: sql`company_id`,
    code: 'CRM.COMPANY_NOT_FOUND',
    label: 'Company',
  },
  deal: { table: sql`crm.deals`, column: sql`deal_id`, code: 'CRM.DEAL_NOT_FOUND', label: 'Deal' },
  lead: { table: sql`crm.leads`, column: sql`lead_id`, code: 'CRM.LEAD_NOT_FOUND', label: 'Lead' },
};

type Row = {
  kind: 'activity' | 'event';
  id: string;
  at: string;
  type: string;
  subject: string | null;
  body: string | null;
  dueAt: string | null;
  doneAt: string | null;
  durationMinutes: number | null;
  assigneeId: string | null;
  actorId: string | null;
  data: Record<string, unknown> | null;
};

function decode(raw: string | undefined): [string, string] | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      !Number.isNaN(Date.parse(v[0])) &&
      /^[0-9a-f-]{36}$/i.test(v[1])
    )
      return [v[0], v[1]];
  } catch {
    // fall through
  }
  throw new AppError('CRM.INVALID_CURSOR', 400, 'querystring.cursor: is not a cursor this list returned');
}

/**
 * One record's history, newest first: its activities and the domain events about it
 * (platform.events with this subject), merged and keyset-paginated on (time, id).
 */
export async function timeline(
  ctx: TenantCtx,
  kind: RecordKind,
  id: string,
  f: { limit: number; cursor?: string },
) {
  const r = records[kind];
  const { rowCount } = await exec(ctx.tx, sql`select 1 from ${r.table} where id = ${id}`);
  if (!rowCount) throw new AppError(r.code, 404, `${r.label} ${id} was not found`);
  const after = decode(f.cursor);
  const { rows } = await exec<Row>(
    ctx.tx,
    sql`select * from (
        select 'activity' as kind, id, occurred_at as at, type, subject, body, due_at as "dueAt", done_at as "doneAt",
          duration_minutes as "durationMinutes", assignee_id as "assigneeId", created_by::text as "actorId", null::jsonb as data
        from crm.activities where ${r.column} = ${id}
        union all
        select 'event', id, created_at, type, null, null, null, null, null, null, actor_id, data
        from platform.events where subject_type = ${kind} and subject_id = ${id}
      ) t
      ${after ? sql`where (t.at, t.id) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : sql``}
      order by t.at desc, t.id desc limit ${f.limit + 1}`,
  );
  // Timestamps keep their microseconds as ISO strings, so the cursor is exact.
  return pageOf(rows, f.limit, (row) => [row.at, row.id]);
}
