import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { uuidv7 } from '../../../platform/ids.js';
import { checkCustom, customTypesOf } from '../custom-fields/index.js';
import { assertMember, setList } from '../deals/common.js';
import { type ListQuery, runList } from '../lists/index.js';
import { leadTable } from './lead-table.js';

export type LeadStatus = 'new' | 'contacted' | 'qualified' | 'unqualified' | 'converted';
export type Lead = {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  status: LeadStatus;
  source: string | null;
  pageUrl: string | null;
  tags: string[];
  ownerId: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  score: number | null;
  custom: Record<string, unknown>;
  convertedAt: string | null;
  createdAt: string;
  updatedAt: string;
};
export type LeadInput = Partial<
  Pick<
    Lead,
    | 'firstName'
    | 'lastName'
    | 'email'
    | 'phone'
    | 'companyName'
    | 'jobTitle'
    | 'source'
    | 'pageUrl'
    | 'tags'
    | 'ownerId'
    | 'custom'
  >
> & { status?: Exclude<LeadStatus, 'converted'> };

const leadCols = sql`id, first_name as "firstName", last_name as "lastName", email::text as email, phone,
  company_name as "companyName", job_title as "jobTitle", status, source, page_url as "pageUrl", tags,
  owner_id as "ownerId", contact_id as "contactId", company_id as "companyId", deal_id as "dealId", score,
  custom, converted_at as "convertedAt", created_at as "createdAt", updated_at as "updatedAt"`;

export async function getLead(ctx: TenantCtx, id: string, lock = false): Promise<Lead> {
  const { rows } = await exec<Lead>(
    ctx.tx,
    sql`select ${leadCols} from crm.leads where id = ${id} ${lock ? sql`for update` : sql``}`,
  );
  if (!rows[0]) throw new AppError('CRM.LEAD_NOT_FOUND', 404, `Lead ${id} was not found`);
  return rows[0];
}

/** The shared CRM list (filter, q, sort, keyset cursor) narrowed by the lead shortcuts. */
export async function listLeads(
  ctx: TenantCtx,
  f: ListQuery & { status?: LeadStatus; source?: string; ownerId?: string },
) {
  const where: SQL[] = [sql`true`];
  if (f.status) where.push(sql`status = ${f.status}`);
  if (f.source) where.push(sql`source = ${f.source}`);
  if (f.ownerId) where.push(sql`owner_id = ${f.ownerId}`);
  return runList<Lead>(ctx, leadTable, await customTypesOf(ctx, 'lead'), f, sql.join(where, sql` and `));
}

export async function createLead(ctx: TenantCtx, input: LeadInput): Promise<Lead> {
  await assertMember(ctx, input.ownerId, 'body.ownerId');
  const custom = (await checkCustom(ctx, 'lead', input.custom, true)) ?? {};
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into crm.leads (tenant_id, id, first_name, last_name, email, phone, company_name, job_title,
        status, source, page_url, tags, owner_id, custom)
      values (${ctx.tenantId}, ${id}, ${input.firstName ?? ''}, ${input.lastName ?? ''}, ${input.email ?? null},
        ${input.phone ?? null}, ${input.companyName ?? null}, ${input.jobTitle ?? null}, ${input.status ?? 'new'},
        ${input.source ?? null}, ${input.pageUrl ?? null}, ${sql.param(input.tags ?? [])}::text[],
        ${input.ownerId ?? null}, ${JSON.stringify(custom)}::jsonb)`,
  );
  const lead = await getLead(ctx, id);
  await emitEvent(
    ctx,
    'crm.lead.created',
    { source: lead.source, status: lead.status },
    { type: 'lead', id },
  );
  return lead;
}

export async function updateLead(ctx: TenantCtx, id: string, patch: LeadInput): Promise<Lead> {
  const before = await getLead(ctx, id, true);
  if (before.status === 'converted' && patch.status)
    throw new AppError('CRM.LEAD_CONVERTED', 409, 'A converted lead keeps its status');
  await assertMember(ctx, patch.ownerId, 'body.ownerId');
  const custom = await checkCustom(ctx, 'lead', patch.custom, false);
  const sets = setList(patch, {
    firstName: 'first_name',
    lastName: 'last_name',
    email: 'email',
    phone: 'phone',
    companyName: 'company_name',
    jobTitle: 'job_title',
    status: 'status',
    source: 'source',
    pageUrl: 'page_url',
    tags: 'tags',
    ownerId: 'owner_id',
  });
  if (custom) sets.push(sql`custom = custom || ${JSON.stringify(custom)}::jsonb`);
  if (!sets.length) return before;
  await exec(
    ctx.tx,
    sql`update crm.leads set ${sql.join(sets, sql`, `)}, updated_at = now() where id = ${id}`,
  );
  const lead = await getLead(ctx, id);
  if (!lead.firstName && !lead.lastName && !lead.email && !lead.companyName)
    throw new AppError(
      'CRM.LEAD_UNNAMED',
      400,
      'body.email: a lead needs a name, an e-mail or a company name',
    );
  if (lead.status !== before.status)
    await emitEvent(
      ctx,
      'crm.lead.status_changed',
      { from: before.status, to: lead.status },
      { type: 'lead', id },
    );
  else await emitEvent(ctx, 'crm.lead.updated', { fields: Object.keys(patch) }, { type: 'lead', id });
  return lead;
}

export async function deleteLead(ctx: TenantCtx, id: string) {
  await getLead(ctx, id, true);
  await exec(ctx.tx, sql`delete from crm.leads where id = ${id}`);
  await emitEvent(ctx, 'crm.lead.deleted', {}, { type: 'lead', id });
}
