import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { uuidv7 } from '../../../platform/ids.js';
import { createDeal } from '../deals/deals.service.js';
import { getLead, type Lead } from './leads.service.js';

export type ConvertInput = { createDeal?: { pipelineId?: string; name?: string; amount?: number } };

/** Mail providers whose domain says nothing about the person's company. */
const FREEMAIL = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'icloud.com',
  'me.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'gmx.net',
  'gmx.de',
  'web.de',
  'mail.com',
  'yandex.com',
]);

export function companyDomain(email: string | null): string | null {
  const domain = email?.split('@')[1]?.toLowerCase();
  return domain && !FREEMAIL.has(domain) ? domain : null;
}

/** The company by domain (from a business e-mail) or by name, created when there is none. */
async function resolveCompany(ctx: TenantCtx, lead: Lead) {
  const domain = companyDomain(lead.email);
  const name = lead.companyName?.trim() || null;
  if (!domain && !name) return { id: lead.companyId, created: false };
  if (lead.companyId) return { id: lead.companyId, created: false };
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from crm.companies
      where (${domain}::citext is not null and domain = ${domain}::citext)
         or (${name}::text is not null and lower(name) = lower(${name}))
      order by (domain = ${domain}::citext) desc nulls last, created_at limit 1`,
  );
  if (rows[0]) return { id: rows[0].id, created: false };
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into crm.companies (tenant_id, id, name, domain, owner_id)
      values (${ctx.tenantId}, ${id}, ${name ?? domain}, ${domain}, ${lead.ownerId})`,
  );
  await emitEvent(
    ctx,
    'crm.company.created',
    { companyId: id, name: name ?? domain, fromLeadId: lead.id },
    { type: 'company', id },
  );
  return { id, created: true };
}

/** The contact with the lead's e-mail, or a new one; it joins the company when it has none. */
async function resolveContact(ctx: TenantCtx, lead: Lead, companyId: string | null) {
  if (lead.contactId) return { id: lead.contactId, created: false };
  if (lead.email) {
    const { rows } = await exec<{ id: string }>(
      ctx.tx,
      sql`select id from crm.contacts where emails @> array[${lead.email}]::citext[] order by created_at limit 1 for update`,
    );
    if (rows[0]) {
      await exec(
        ctx.tx,
        sql`update crm.contacts set company_id = coalesce(company_id, ${companyId}), updated_at = now() where id = ${rows[0].id}`,
      );
      return { id: rows[0].id, created: false };
    }
  }
  if (!lead.firstName && !lead.lastName && !lead.email) return { id: null, created: false };
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into crm.contacts (tenant_id, id, first_name, last_name, emails, phones, job_title, source,
        tags, owner_id, company_id)
      values (${ctx.tenantId}, ${id}, ${lead.firstName}, ${lead.lastName},
        ${sql.param(lead.email ? [lead.email] : [])}::citext[], ${sql.param(lead.phone ? [lead.phone] : [])}::text[],
        ${lead.jobTitle}, ${lead.source}, ${sql.param(lead.tags)}::text[], ${lead.ownerId}, ${companyId})`,
  );
  await emitEvent(
    ctx,
    'crm.contact.created',
    { contactId: id, email: lead.email, fromLeadId: lead.id },
    { type: 'contact', id },
  );
  return { id, created: true };
}

/**
 * Turns a lead into a contact (reused by e-mail), a company (reused by domain or name) and
 * optionally a deal, in the caller's transaction: all of it or none of it.
 */
export async function convertLead(ctx: TenantCtx, leadId: string, input: ConvertInput) {
  const lead = await getLead(ctx, leadId, true);
  if (lead.status === 'converted')
    throw new AppError('CRM.LEAD_ALREADY_CONVERTED', 409, `Lead ${leadId} was converted already`);
  const company = await resolveCompany(ctx, lead);
  const contact = await resolveContact(ctx, lead, company.id);
  let dealId: string | null = null;
  if (input.createDeal) {
    const person = `${lead.firstName} ${lead.lastName}`.trim();
    const deal = await createDeal(ctx, {
      name: input.createDeal.name ?? `${lead.companyName || person || lead.email || 'Lead'} deal`,
      pipelineId: input.createDeal.pipelineId,
      amount: input.createDeal.amount,
      contactId: contact.id,
      companyId: company.id,
      ownerId: lead.ownerId,
    });
    dealId = deal.id;
  }
  await exec(
    ctx.tx,
    sql`update crm.leads set status = 'converted', contact_id = ${contact.id}, company_id = ${company.id},
      deal_id = ${dealId}, converted_at = now(), updated_at = now() where id = ${leadId}`,
  );
  const result = {
    contactId: contact.id,
    companyId: company.id,
    dealId,
    contactCreated: contact.created,
    companyCreated: company.created,
  };
  await emitEvent(
    ctx,
    'crm.lead.converted',
    { ...result, source: lead.source, from: lead.status },
    { type: 'lead', id: leadId },
  );
  return { lead: await getLead(ctx, leadId), ...result };
}
