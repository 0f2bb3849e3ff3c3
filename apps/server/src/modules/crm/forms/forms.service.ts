import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { assertMember } from '../lists/index.js';
import type { Form, FormInput, FormPatch } from './forms.schemas.js';
import { formatFormPublicId } from './public-id.js';

type FormRow = Omit<Form, 'publicId' | 'submitUrl'>;

const cols = sql`id, name, fields, consent_text as "consentText", thank_you as "thankYou",
  notify_user_id as "notifyUserId", active, submissions, created_at as "createdAt", updated_at as "updatedAt"`;

export const submitPath = (publicId: string) => `/api/brain/crm/forms/${publicId}/submit`;

function present(ctx: TenantCtx, row: FormRow): Form {
  const publicId = formatFormPublicId(ctx.tenantId, row.id);
  return { ...row, publicId, submitUrl: submitPath(publicId) };
}

export const formNotFound = (id: string) =>
  new AppError('CRM.FORM_NOT_FOUND', 404, `Form ${id} was not found`);

/** The notify user must be an active member of this tenant (the CRM's one member check). */
const checkNotifyUser = (ctx: TenantCtx, userId: string | null | undefined) =>
  assertMember(ctx, userId, 'body.notifyUserId');

export async function listForms(ctx: TenantCtx): Promise<Form[]> {
  const { rows } = await exec<FormRow>(
    ctx.tx,
    sql`select ${cols} from crm.forms order by created_at desc, id desc`,
  );
  return rows.map((r) => present(ctx, r));
}

export async function getForm(ctx: TenantCtx, id: string): Promise<Form> {
  const { rows } = await exec<FormRow>(ctx.tx, sql`select ${cols} from crm.forms where id = ${id}`);
  if (!rows[0]) throw formNotFound(id);
  return present(ctx, rows[0]);
}

/** The public id of the tenant's (newest) form with this name, e.g. 'Contact us'; null when there is none. */
export async function findFormPublicId(ctx: TenantCtx, name: string): Promise<string | null> {
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from crm.forms where name = ${name} order by created_at desc, id desc limit 1`,
  );
  return rows[0] ? formatFormPublicId(ctx.tenantId, rows[0].id) : null;
}

export async function createForm(ctx: TenantCtx, input: FormInput): Promise<Form> {
  await checkNotifyUser(ctx, input.notifyUserId);
  const { rows } = await exec<FormRow>(
    ctx.tx,
    sql`insert into crm.forms (tenant_id, id, name, fields, consent_text, thank_you, notify_user_id, active)
      values (${ctx.tenantId}, ${uuidv7()}, ${input.name}, ${JSON.stringify(input.fields)}::jsonb,
        ${input.consentText ?? null}, coalesce(${input.thankYou ?? null}, 'Thank you! We will be in touch soon.'),
        ${input.notifyUserId ?? null}, ${input.active ?? true})
      returning ${cols}`,
  );
  return present(ctx, rows[0]!);
}

export async function updateForm(ctx: TenantCtx, id: string, p: FormPatch): Promise<Form> {
  await checkNotifyUser(ctx, p.notifyUserId);
  const has = (k: keyof FormPatch) => p[k] !== undefined;
  const { rows } = await exec<FormRow>(
    ctx.tx,
    sql`update crm.forms set
        name = case when ${has('name')} then ${p.name ?? null} else name end,
        fields = case when ${has('fields')} then ${JSON.stringify(p.fields ?? [])}::jsonb else fields end,
        consent_text = case when ${has('consentText')} then ${p.consentText ?? null} else consent_text end,
        thank_you = case when ${has('thankYou')} then ${p.thankYou ?? null} else thank_you end,
        notify_user_id = case when ${has('notifyUserId')} then ${p.notifyUserId ?? null}::uuid else notify_user_id end,
        active = case when ${has('active')} then ${p.active ?? null}::boolean else active end,
        updated_at = now()
      where id = ${id} returning ${cols}`,
  );
  if (!rows[0]) throw formNotFound(id);
  return present(ctx, rows[0]);
}

export async function deleteForm(ctx: TenantCtx, id: string) {
  const { rowCount } = await exec(ctx.tx, sql`delete from crm.forms where id = ${id}`);
  if (!rowCount) throw formNotFound(id);
}
