import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { emitEvent } from '../../../platform/events.js';
import { getRecord } from '../lists/index.js';
import { type Company, companyTable } from './company-table.js';

/**
 * Merges other companies into the kept one: every contact, lead, deal and activity of the others
 * is re-pointed to it; tags are united, empty fields (domain, industry, size, phone, owner, external
 * id, address) are filled from the others (oldest first), custom values of the kept company win;
 * the others are deleted and a `crm.company.merged` event records what moved.
 */
export async function mergeCompanies(ctx: TenantCtx, id: string, otherIds: string[]): Promise<Company> {
  const others = [...new Set(otherIds)].filter((o) => o !== id);
  if (!others.length)
    throw new AppError('CRM.MERGE_NOTHING', 400, 'body.otherIds: give at least one other company', {
      errors: [{ field: 'body.otherIds', message: 'give at least one other company' }],
    });
  const { rows: locked } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from crm.companies where id = any(${sql.param([id, ...others])}::uuid[]) order by id for update`,
  );
  const found = new Set(locked.map((r) => r.id));
  const missing = [id, ...others].find((x) => !found.has(x));
  if (missing) throw new AppError('CRM.COMPANY_NOT_FOUND', 404, `Company ${missing} was not found`);

  const ids = sql`any(${sql.param(others)}::uuid[])`;
  const { rows: moved } = await exec<{ activities: number; contacts: number; leads: number; deals: number }>(
    ctx.tx,
    sql`with a as (update crm.activities set company_id = ${id}, updated_at = now() where company_id = ${ids} returning 1),
             c as (update crm.contacts set company_id = ${id}, updated_at = now() where company_id = ${ids} returning 1),
             l as (update crm.leads set company_id = ${id} where company_id = ${ids} returning 1),
             d as (update crm.deals set company_id = ${id} where company_id = ${ids} returning 1)
        select (select count(*) from a)::int as activities, (select count(*) from c)::int as contacts,
               (select count(*) from l)::int as leads, (select count(*) from d)::int as deals`,
  );
  // The others' external ids are unique per tenant: read them before the rows go.
  const { rows: loser } = await exec<{ externalId: string | null }>(
    ctx.tx,
    sql`select external_id as "externalId" from crm.companies where id = ${ids} and external_id is not null
      order by created_at limit 1`,
  );
  await exec(
    ctx.tx,
    sql`with o as (select * from crm.companies where id = ${ids} order by created_at)
      update crm.companies c set
        tags = array(select distinct t from unnest(c.tags || (select coalesce(array_agg(x), '{}') from o, unnest(o.tags) x)) t order by t),
        domain = coalesce(c.domain, (select domain from o where domain is not null limit 1)),
        industry = coalesce(c.industry, (select industry from o where industry is not null limit 1)),
        size = coalesce(c.size, (select size from o where size is not null limit 1)),
        phone = coalesce(c.phone, (select phone from o where phone is not null limit 1)),
        owner_id = coalesce(c.owner_id, (select owner_id from o where owner_id is not null limit 1)),
        address = case when c.address = '{}'::jsonb
          then coalesce((select address from o where address <> '{}'::jsonb limit 1), '{}') else c.address end,
        custom = (select coalesce(jsonb_object_agg(k, v), '{}') from o, jsonb_each(o.custom) j(k, v)) || c.custom,
        updated_at = now()
      where c.id = ${id}`,
  );
  await exec(ctx.tx, sql`delete from crm.companies where id = ${ids}`);
  // External ids are unique per tenant: the survivor takes one over only once its owner is gone.
  if (loser[0]?.externalId)
    await exec(
      ctx.tx,
      sql`update crm.companies set external_id = coalesce(external_id, ${loser[0].externalId}) where id = ${id}`,
    );
  const m = moved[0] ?? { activities: 0, contacts: 0, leads: 0, deals: 0 };
  await emitEvent(
    ctx,
    'crm.company.merged',
    {
      companyId: id,
      mergedIds: others,
      activitiesMoved: m.activities,
      contactsMoved: m.contacts,
      leadsMoved: m.leads,
      dealsMoved: m.deals,
    },
    { type: 'company', id },
  );
  return (await getRecord<Company>(ctx, companyTable, id))!;
}
