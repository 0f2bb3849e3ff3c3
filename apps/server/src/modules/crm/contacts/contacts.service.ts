import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { checkCustom, customTypesOf } from '../custom-fields/index.js';
import {
  assertMember,
  type BulkSet,
  deleteRecord,
  getRecord,
  insertRecord,
  type ListQuery,
  runList,
  updateRecord,
} from '../lists/index.js';
import { type BulkTarget, bulkDeleteRecords, bulkUpdateRecords } from '../shared/bulk-target.js';
import { type Contact, contactTable } from './contact-table.js';

export type ContactInput = Partial<Omit<Contact, 'id' | 'createdAt' | 'updatedAt'>>;

const notFound = (id: string) => new AppError('CRM.CONTACT_NOT_FOUND', 404, `Contact ${id} was not found`);

async function checkCompany(ctx: TenantCtx, companyId: string | null | undefined) {
  if (!companyId) return;
  const { rows } = await exec(ctx.tx, sql`select 1 from crm.companies where id = ${companyId}`);
  if (!rows[0])
    throw new AppError('CRM.COMPANY_NOT_FOUND', 400, 'body.companyId: no such company', {
      errors: [{ field: 'body.companyId', message: 'no such company' }],
    });
}

const uniq = (xs: string[] | undefined) => (xs ? [...new Set(xs)] : undefined);

export async function listContacts(ctx: TenantCtx, q: ListQuery) {
  return runList<Contact>(ctx, contactTable, await customTypesOf(ctx, 'contact'), q);
}

export async function getContact(ctx: TenantCtx, id: string): Promise<Contact> {
  const c = await getRecord<Contact>(ctx, contactTable, id);
  if (!c) throw notFound(id);
  return c;
}

export async function createContact(ctx: TenantCtx, input: ContactInput): Promise<Contact> {
  const custom = await checkCustom(ctx, 'contact', input.custom, true);
  await assertMember(ctx, input.ownerId, 'body.ownerId');
  await checkCompany(ctx, input.companyId);
  if (!input.firstName && !input.lastName && !input.emails?.length)
    throw new AppError('CRM.CONTACT_NAME_REQUIRED', 400, 'body.firstName: a name or an e-mail is required', {
      errors: [{ field: 'body.firstName', message: 'a name or an e-mail is required' }],
    });
  const c = await insertRecord<Contact>(ctx, contactTable, {
    ...input,
    emails: uniq(input.emails),
    phones: uniq(input.phones),
    tags: uniq(input.tags),
    custom,
  });
  await emitEvent(ctx, 'crm.contact.created', { contactId: c.id }, { type: 'contact', id: c.id });
  return c;
}

export async function updateContact(ctx: TenantCtx, id: string, input: ContactInput): Promise<Contact> {
  const custom = await checkCustom(ctx, 'contact', input.custom, false);
  await assertMember(ctx, input.ownerId, 'body.ownerId');
  await checkCompany(ctx, input.companyId);
  const c = await updateRecord<Contact>(ctx, contactTable, id, {
    ...input,
    emails: uniq(input.emails),
    phones: uniq(input.phones),
    tags: uniq(input.tags),
    custom,
  });
  if (!c) throw notFound(id);
  await emitEvent(
    ctx,
    'crm.contact.updated',
    { contactId: id, fields: Object.keys(input) },
    { type: 'contact', id },
  );
  return c;
}

export async function deleteContact(ctx: TenantCtx, id: string): Promise<void> {
  if (!(await deleteRecord(ctx, contactTable, id))) throw notFound(id);
  await emitEvent(ctx, 'crm.contact.deleted', { contactId: id }, { type: 'contact', id });
}

export async function bulkUpdateContacts(ctx: TenantCtx, t: BulkTarget, set: BulkSet): Promise<number> {
  return bulkUpdateRecords(ctx, contactTable, t, set);
}

export async function bulkDeleteContacts(ctx: TenantCtx, t: BulkTarget): Promise<number> {
  return bulkDeleteRecords(ctx, contactTable, t);
}
