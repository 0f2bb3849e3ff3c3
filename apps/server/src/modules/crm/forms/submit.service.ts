import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { uuidv7 } from '../../../platform/ids.js';
import { enqueueMail } from '../../../platform/mail.js';
import { activeMembers } from '../../identity/index.js';
import { enqueueLeadScore } from '../scoring/scoring.jobs.js';
import { type FormField, HONEYPOT_KEY, type Submission } from './forms.schemas.js';
import { formNotFound } from './forms.service.js';

interface ActiveForm {
  id: string;
  name: string;
  fields: FormField[];
  consentText: string | null;
  thankYou: string;
  notifyUserId: string | null;
}

/** An active form of the transaction's tenant (row-level security does the tenant part). */
export async function loadActiveForm(ctx: TenantCtx, formId: string): Promise<ActiveForm> {
  const { rows } = await exec<ActiveForm>(
    ctx.tx,
    sql`select id, name, fields, consent_text as "consentText", thank_you as "thankYou", notify_user_id as "notifyUserId"
      from crm.forms where id = ${formId} and active`,
  );
  if (!rows[0]) throw formNotFound(formId);
  return rows[0];
}

const fieldError = (key: string, message: string) =>
  new AppError('CRM.FORM_INVALID', 400, `${key}: ${message}`, {
    errors: [{ field: `body.${key}`, message }],
  });

const truthy = (v: unknown) =>
  v === true || v === 'true' || v === 'on' || v === 'yes' || v === '1' || v === 1;
const text = (v: unknown) =>
  v === undefined || v === null || typeof v === 'boolean' ? '' : String(v).trim();
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks required fields, types and consent; returns the cleaned values by key. */
export function validateSubmission(form: ActiveForm, body: Submission): Record<string, string | boolean> {
  const values: Record<string, string | boolean> = {};
  for (const f of form.fields) {
    const raw = body[f.key];
    if (f.type === 'checkbox') {
      const on = truthy(raw);
      if (f.required && !on) throw fieldError(f.key, 'must be checked');
      values[f.key] = on;
      continue;
    }
    const v = text(raw);
    if (!v) {
      if (f.required) throw fieldError(f.key, 'is required');
      continue;
    }
    if (f.type === 'email' && (!EMAIL_RE.test(v) || v.length > 254))
      throw fieldError(f.key, 'must be an e-mail address');
    if (f.type === 'phone' && !/^[+()\d\s./-]{5,40}$/.test(v))
      throw fieldError(f.key, 'must be a phone number');
    if (f.type === 'select' && !f.options.includes(v))
      throw fieldError(f.key, `must be one of ${f.options.join(', ')}`);
    if (f.type !== 'textarea' && v.length > 1000) throw fieldError(f.key, 'is too long');
    values[f.key] = v;
  }
  if (form.consentText && !truthy(body.consent)) throw fieldError('consent', 'must be given');
  return values;
}

interface LeadValues {
  email: string | null;
  firstName: string;
  lastName: string;
  phone: string | null;
  companyName: string | null;
  jobTitle: string | null;
  custom: Record<string, string | boolean>;
}

/** Maps a form's fields onto lead columns by key (and by type for e-mail and phone); the rest is custom. */
export function leadValues(form: ActiveForm, values: Record<string, string | boolean>): LeadValues {
  const out: LeadValues = {
    email: null,
    firstName: '',
    lastName: '',
    phone: null,
    companyName: null,
    jobTitle: null,
    custom: {},
  };
  for (const f of form.fields) {
    const v = values[f.key];
    if (v === undefined) continue;
    const s = typeof v === 'string' ? v : '';
    if ((f.key === 'email' || f.type === 'email') && !out.email && s) out.email = s.toLowerCase();
    else if ((f.key === 'phone' || f.type === 'phone') && !out.phone && s) out.phone = s;
    else if (f.key === 'first_name' || f.key === 'firstname') out.firstName = s;
    else if (f.key === 'last_name' || f.key === 'lastname') out.lastName = s;
    else if (f.key === 'name' || f.key === 'full_name') {
      const [first = '', ...rest] = s.split(/\s+/);
      out.firstName ||= first;
      out.lastName ||= rest.join(' ');
    } else if (['company', 'company_name', 'organisation', 'organization'].includes(f.key))
      out.companyName = s || null;
    else if (['job_title', 'title', 'role', 'position'].includes(f.key)) out.jobTitle = s || null;
    else out.custom[f.key] = v;
  }
  return out;
}

export interface SubmitResult {
  message: string;
  leadId: string | null;
}

/** Stores a submission: lead by e-mail (created or updated), activity, event, score job, mail. */
export async function submitForm(
  ctx: TenantCtx,
  formId: string,
  body: Submission,
  meta: { referer?: string },
): Promise<SubmitResult> {
  const form = await loadActiveForm(ctx, formId);
  // Honeypot: the same answer a person gets, and nothing stored.
  if (text(body[HONEYPOT_KEY])) return { message: form.thankYou, leadId: null };
  const values = validateSubmission(form, body);
  const lead = leadValues(form, values);
  const source = `form:${form.name}`;
  const pageUrl = (text(body.page_url) || meta.referer || '').slice(0, 2000) || null;

  const existing = lead.email
    ? (
        await exec<{ id: string }>(
          ctx.tx,
          sql`select id from crm.leads where email = ${lead.email} order by created_at limit 1 for update`,
        )
      ).rows[0]
    : undefined;
  const leadId = existing?.id ?? uuidv7();
  if (existing) {
    await exec(
      ctx.tx,
      sql`update crm.leads set
          first_name = coalesce(nullif(${lead.firstName}, ''), first_name),
          last_name = coalesce(nullif(${lead.lastName}, ''), last_name),
          phone = coalesce(${lead.phone}, phone), company_name = coalesce(${lead.companyName}, company_name),
          job_title = coalesce(${lead.jobTitle}, job_title), source = coalesce(source, ${source}),
          page_url = coalesce(${pageUrl}, page_url), custom = custom || ${JSON.stringify(lead.custom)}::jsonb,
          updated_at = now()
        where id = ${leadId}`,
    );
  } else {
    await exec(
      ctx.tx,
      sql`insert into crm.leads (tenant_id, id, first_name, last_name, email, phone, company_name, job_title, source, page_url, custom)
        values (${ctx.tenantId}, ${leadId}, ${lead.firstName}, ${lead.lastName}, ${lead.email}, ${lead.phone},
          ${lead.companyName}, ${lead.jobTitle}, ${source}, ${pageUrl}, ${JSON.stringify(lead.custom)}::jsonb)`,
    );
  }
  const lines = form.fields
    .filter((f) => values[f.key] !== undefined)
    .map((f) => `${f.label}: ${values[f.key]}`);
  if (form.consentText) lines.push(`Consent: ${form.consentText}`);
  if (pageUrl) lines.push(`Page: ${pageUrl}`);
  await exec(
    ctx.tx,
    sql`insert into crm.activities (tenant_id, id, type, subject, body, lead_id)
      values (${ctx.tenantId}, ${uuidv7()}, 'note', ${`Form submitted: ${form.name}`}, ${lines.join('\n')}, ${leadId})`,
  );
  await exec(ctx.tx, sql`update crm.forms set submissions = submissions + 1 where id = ${form.id}`);
  await emitEvent(
    ctx,
    'crm.lead.captured',
    { leadId, formId: form.id, formName: form.name, created: !existing, source, pageUrl, email: lead.email },
    { type: 'lead', id: leadId },
  );
  await enqueueLeadScore(ctx, leadId);
  await notify(ctx, form, { leadId, email: lead.email, lines, created: !existing });
  return { message: form.thankYou, leadId };
}

/** The form's notify user, or else the tenant's owners (members only: row-level security). */
async function notify(
  ctx: TenantCtx,
  form: ActiveForm,
  s: { leadId: string; email: string | null; lines: string[]; created: boolean },
) {
  const chosen = form.notifyUserId ? await activeMembers(ctx, { userIds: [form.notifyUserId] }) : [];
  const to = chosen.length ? chosen : await activeMembers(ctx, { roles: ['owner'] });
  const subject = `New ${s.created ? 'lead' : 'submission'} from form ${form.name}${s.email ? ` (${s.email})` : ''}`;
  const textBody = [`Form: ${form.name}`, `Lead: ${s.leadId}`, '', ...s.lines].join('\n');
  for (const r of to) await enqueueMail(ctx.tx, { to: r.email, subject, text: textBody });
}
