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
import { type Company, companyTable } from './company-table.js';

export type CompanyInput = Partial<Omit<Company, 'id' | 'createdAt' | 'updatedAt'>>;

const notFound = (id: string) => new AppError('CRM.COMPANY_NOT_FOUND', 404, `Company ${id} was not found`);
const uniq = (xs: string[] | undefined) => (xs ? [...new Set(xs)] : undefined);

export async function listCompanies(ctx: TenantCtx, q: ListQuery) {
  return runList<Company>(ctx, companyTable, await customTypesOf(ctx, 'company'), q);
}

export async function getCompany(ctx: TenantCtx, id: string): Promise<Company> {
  const c = await getRecord<Company>(ctx, companyTable, id);
  if (!c) throw notFound(id);
  return c;
}

export async function createCompany(ctx: TenantCtx, input: CompanyInput): Promise<Company> {
  const custom = await checkCustom(ctx, 'company', input.custom, true);
  await assertMember(ctx, input.ownerId, 'body.ownerId');
  const c = await insertRecord<Company>(ctx, companyTable, { ...input, tags: uniq(input.tags), custom });
  await emitEvent(ctx, 'crm.company.created', { companyId: c.id }, { type: 'company', id: c.id });
  return c;
}

export async function updateCompany(ctx: TenantCtx, id: string, input: CompanyInput): Promise<Company> {
  const custom = await checkCustom(ctx, 'company', input.custom, false);
  await assertMember(ctx, input.ownerId, 'body.ownerId');
  const c = await updateRecord<Company>(ctx, companyTable, id, { ...input, tags: uniq(input.tags), custom });
  if (!c) throw notFound(id);
  await emitEvent(
    ctx,
    'crm.company.updated',
    { companyId: id, fields: Object.keys(input) },
    { type: 'company', id },
  );
  return c;
}

export async function deleteCompany(ctx: TenantCtx, id: string): Promise<void> {
  if (!(await deleteRecord(ctx, companyTable, id))) throw notFound(id);
  await emitEvent(ctx, 'crm.company.deleted', { companyId: id }, { type: 'company', id });
}

export async function bulkUpdateCompanies(ctx: TenantCtx, t: BulkTarget, set: BulkSet): Promise<number> {
  return bulkUpdateRecords(ctx, companyTable, t, set);
}

export async function bulkDeleteCompanies(ctx: TenantCtx, t: BulkTarget): Promise<number> {
  return bulkDeleteRecords(ctx, companyTable, t);
}

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
