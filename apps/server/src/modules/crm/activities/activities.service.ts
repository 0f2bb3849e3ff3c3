import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { uuidv7 } from '../../../platform/ids.js';
import { assertLinks, assertMember, decodeCursor, pageOf, setList } from '../deals/common.js';

export type ActivityType = 'note' | 'task' | 'call' | 'meeting' | 'email';
export type Activity = {
  id: string;
  type: ActivityType;
  subject: string;
  body: string;
  dueAt: string | null;
  doneAt: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  assigneeId: string | null;
  createdBy: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  leadId: string | null;
  createdAt: string;
  updatedAt: string;
};
type Links = { contactId?: string; companyId?: string; dealId?: string; leadId?: string };
export type ActivityPatch = {
  subject?: string;
  body?: string;
  dueAt?: string | null;
  occurredAt?: string;
  durationMinutes?: number | null;
  assigneeId?: string | null;
  done?: boolean;
};

const cols = sql`id, type, subject, body, due_at as "dueAt", done_at as "doneAt", occurred_at as "occurredAt",
  duration_minutes as "durationMinutes", assignee_id as "assigneeId", created_by as "createdBy",
  contact_id as "contactId", company_id as "companyId", deal_id as "dealId", lead_id as "leadId",
  created_at as "createdAt", updated_at as "updatedAt"`;

export async function getActivity(ctx: TenantCtx, id: string, lock = false): Promise<Activity> {
  const { rows } = await exec<Activity>(
    ctx.tx,
    sql`select ${cols} from crm.activities where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  if (!rows[0]) throw new AppError('CRM.ACTIVITY_NOT_FOUND', 404, `Activity ${id} was not found`);
  return rows[0];
}

export async function listActivities(
  ctx: TenantCtx,
  f: Links & {
    type?: ActivityType;
    assigneeId?: string;
    open?: 'true' | 'false';
    limit: number;
    cursor?: string;
  },
) {
  const after = decodeCursor(f.cursor, ['uuid']);
  const where: SQL[] = [sql`true`];
  if (f.type) where.push(sql`type = ${f.type}`);
  if (f.contactId) where.push(sql`contact_id = ${f.contactId}`);
  if (f.companyId) where.push(sql`company_id = ${f.companyId}`);
  if (f.dealId) where.push(sql`deal_id = ${f.dealId}`);
  if (f.leadId) where.push(sql`lead_id = ${f.leadId}`);
  if (f.assigneeId) where.push(sql`assignee_id = ${f.assigneeId}`);
  if (f.open === 'true') where.push(sql`type = 'task' and done_at is null`);
  if (f.open === 'false') where.push(sql`done_at is not null`);
  if (after) where.push(sql`id < ${after[0]}`);
  const { rows } = await exec<Activity>(
    ctx.tx,
    sql`select ${cols} from crm.activities where ${sql.join(where, sql` and `)} order by id desc limit ${f.limit + 1}`,
  );
  return pageOf(rows, f.limit, (a) => [a.id]);
}

const actorUser = (ctx: TenantCtx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

export async function createActivity(
  ctx: TenantCtx,
  input: Links & ActivityPatch & { type: ActivityType },
): Promise<Activity> {
  await assertLinks(ctx, {
    contactId: input.contactId,
    companyId: input.companyId,
    dealId: input.dealId,
    leadId: input.leadId,
  });
  await assertMember(ctx, input.assigneeId, 'body.assigneeId');
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into crm.activities (tenant_id, id, type, subject, body, due_at, done_at, occurred_at,
        duration_minutes, assignee_id, created_by, contact_id, company_id, deal_id, lead_id)
      values (${ctx.tenantId}, ${id}, ${input.type}, ${input.subject ?? ''}, ${input.body ?? ''},
        ${input.dueAt ?? null}, ${input.done ? sql`now()` : null}, coalesce(${input.occurredAt ?? null}::timestamptz, now()),
        ${input.durationMinutes ?? null}, ${input.assigneeId ?? null}, ${actorUser(ctx)},
        ${input.contactId ?? null}, ${input.companyId ?? null}, ${input.dealId ?? null}, ${input.leadId ?? null})`,
  );
  const a = await getActivity(ctx, id);
  await emitEvent(
    ctx,
    'crm.activity.created',
    { type: a.type, subject: a.subject },
    { type: 'activity', id },
  );
  return a;
}

export async function updateActivity(ctx: TenantCtx, id: string, patch: ActivityPatch): Promise<Activity> {
  const before = await getActivity(ctx, id, true);
  await assertMember(ctx, patch.assigneeId, 'body.assigneeId');
  const sets = setList(patch, {
    subject: 'subject',
    body: 'body',
    dueAt: 'due_at',
    occurredAt: 'occurred_at',
    durationMinutes: 'duration_minutes',
    assigneeId: 'assignee_id',
  });
  if (patch.done !== undefined)
    sets.push(patch.done ? sql`done_at = coalesce(done_at, now())` : sql`done_at = null`);
  if (!sets.length) return before;
  await exec(
    ctx.tx,
    sql`update crm.activities set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id}`,
  );
  const a = await getActivity(ctx, id);
  if (!before.doneAt && a.doneAt)
    await emitEvent(
      ctx,
      'crm.activity.completed',
      { type: a.type, subject: a.subject },
      { type: 'activity', id },
    );
  return a;
}

export async function deleteActivity(ctx: TenantCtx, id: string) {
  await getActivity(ctx, id, true);
  await exec(ctx.tx, sql`delete from crm.activities where id = ${id}`);
}
