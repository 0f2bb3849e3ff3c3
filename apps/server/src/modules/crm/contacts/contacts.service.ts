import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { recordService } from '../shared/record-service.js';
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

const contacts = recordService<Contact, ContactInput>({
  table: contactTable,
  notFound,
  sets: ['emails', 'phones', 'tags'],
  check: async (ctx, input, creating) => {
    await checkCompany(ctx, input.companyId);
    if (creating && !input.firstName && !input.lastName && !input.emails?.length)
      throw new AppError(
        'CRM.CONTACT_NAME_REQUIRED',
        400,
        'body.firstName: a name or an e-mail is required',
        {
          errors: [{ field: 'body.firstName', message: 'a name or an e-mail is required' }],
        },
      );
  },
});

export const listContacts = contacts.list;
export const getContact = contacts.get;
export const createContact = contacts.create;
export const updateContact = contacts.update;
export const deleteContact = contacts.remove;
export const bulkUpdateContacts = contacts.bulkUpdate;
export const bulkDeleteContacts = contacts.bulkDelete;
