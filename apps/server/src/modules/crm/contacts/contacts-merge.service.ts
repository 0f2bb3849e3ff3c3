import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { getRecord } from '../lists/index.js';
import { type Contact, contactTable } from './contact-table.js';

export interface DuplicateGroup {
  reason: 'email' | 'phone' | 'companyDomain';
  value: string;
  contactIds: string[];
}

/**
 * Contacts that share an e-mail address, a phone number (digits only) or the domain of their
 * company; largest groups first.
 */
export async function findDuplicateContacts(ctx: TenantCtx, limit: number): Promise<DuplicateGroup[]> {
  const { rows } = await exec<DuplicateGroup>(
    ctx.tx,
    sql`(select 'email' as reason, lower(e::text) as value, array_agg(id order by id) as "contactIds"
         from crm.contacts, unnest(emails) e group by lower(e::text) having count(distinct id) > 1)
       union all
       (select 'phone', d, array_agg(distinct id) from (
          select id, regexp_replace(p, '\\D', '', 'g') as d from crm.contacts, unnest(phones) p) x
        where length(d) >= 6 group by d having count(distinct id) > 1)
       union all
       (select 'companyDomain', co.domain::text, array_agg(c.id order by c.id)
         from crm.contacts c join crm.companies co on co.id = c.company_id
         where co.domain is not null
           and exists (select 1 from unnest(c.emails) e where split_part(e::text, '@', 2) = co.domain::text)
         group by co.domain, split_part(c.first_name || ' ' || c.last_name, ' ', 1)
         having count(*) > 1)
       order by 1 limit ${limit}`,
  );
  return rows;
}

/**
 * Merges others into the kept contact: e-mails, phones and tags are united, empty fields are
 * filled from the others, custom values of the kept contact win; every activity, lead and deal
 * of the others is re-pointed to it; the others are deleted and a `crm.contact.merged` event
 * records what happened.
 */
export async function mergeContacts(ctx: TenantCtx, id: string, otherIds: string[]): Promise<Contact> {
  const others = [...new Set(otherIds)].filter((o) => o !== id);
  if (!others.length)
    throw new AppError('CRM.MERGE_NOTHING', 400, 'body.otherIds: give at least one other contact', {
      errors: [{ field: 'body.otherIds', message: 'give at least one other contact' }],
    });
  const { rows: locked } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from crm.contacts where id = any(${sql.param([id, ...others])}::uuid[]) order by id for update`,
  );
  const found = new Set(locked.map((r) => r.id));
  const missing = [id, ...others].find((x) => !found.has(x));
  if (missing) throw new AppError('CRM.CONTACT_NOT_FOUND', 404, `Contact ${missing} was not found`);

  const { rows: moved } = await exec<{ n: number }>(
    ctx.tx,
    sql`with a as (update crm.activities set contact_id = ${id}, updated_at = now()
                   where contact_id = any(${sql.param(others)}::uuid[]) returning 1),
             l as (update crm.leads set contact_id = ${id} where contact_id = any(${sql.param(others)}::uuid[]) returning 1),
             d as (update crm.deals set contact_id = ${id} where contact_id = any(${sql.param(others)}::uuid[]) returning 1)
        select (select count(*) from a)::int as n`,
  );
  await exec(
    ctx.tx,
    sql`with o as (select * from crm.contacts where id = any(${sql.param(others)}::uuid[]) order by created_at)
      update crm.contacts c set
        emails = array(select distinct e from unnest(c.emails || (select coalesce(array_agg(x), '{}') from o, unnest(o.emails) x)) e),
        phones = array(select distinct p from unnest(c.phones || (select coalesce(array_agg(x), '{}') from o, unnest(o.phones) x)) p),
        tags = array(select distinct t from unnest(c.tags || (select coalesce(array_agg(x), '{}') from o, unnest(o.tags) x)) t order by t),
        first_name = case when c.first_name = '' then coalesce((select first_name from o where first_name <> '' limit 1), '') else c.first_name end,
        last_name = case when c.last_name = '' then coalesce((select last_name from o where last_name <> '' limit 1), '') else c.last_name end,
        job_title = coalesce(c.job_title, (select job_title from o where job_title is not null limit 1)),
        source = coalesce(c.source, (select source from o where source is not null limit 1)),
        owner_id = coalesce(c.owner_id, (select owner_id from o where owner_id is not null limit 1)),
        company_id = coalesce(c.company_id, (select company_id from o where company_id is not null limit 1)),
        custom = (select coalesce(jsonb_object_agg(k, v), '{}') from o, jsonb_each(o.custom) j(k, v)) || c.custom,
        updated_at = now()
      where c.id = ${id}`,
  );
  await exec(ctx.tx, sql`delete from crm.contacts where id = any(${sql.param(others)}::uuid[])`);
  await emitEvent(
    ctx,
    'crm.contact.merged',
    { contactId: id, mergedIds: others, activitiesMoved: moved[0]?.n ?? 0 },
    { type: 'contact', id },
  );
  return (await getRecord<Contact>(ctx, contactTable, id))!;
}
