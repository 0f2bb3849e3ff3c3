import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { recordService } from '../shared/record-service.js';
import { type Company, companyTable } from './company-table.js';

export type CompanyInput = Partial<Omit<Company, 'id' | 'createdAt' | 'updatedAt'>>;

const notFound = (id: string) => new AppError('CRM.COMPANY_NOT_FOUND', 404, `Company ${id} was not found`);

const companies = recordService<Company, CompanyInput>({ table: companyTable, notFound, sets: ['tags'] });

export const listCompanies = companies.list;
export const getCompany = companies.get;
export const createCompany = companies.create;
export const updateCompany = companies.update;
export const deleteCompany = companies.remove;
export const bulkUpdateCompanies = companies.bulkUpdate;
export const bulkDeleteCompanies = companies.bulkDelete;

/** Companies that share a domain. */
export async function findDuplicateCompanies(ctx: TenantCtx, limit: number) {
  const { rows } = await exec<{ reason: 'domain'; value: string; companyIds: string[] }>(
    ctx.tx,
    sql`select 'domain' as reason, lower(domain::text) as value, array_agg(id order by id) as "companyIds"
      from crm.companies where domain is not null group by lower(domain::text) having count(*) > 1
      order by 2 limit ${limit}`,
  );
  return rows;
}
