import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { addJob } from '../../../platform/jobs/jobs.js';
import { companyTable } from '../companies/index.js';
import { contactTable } from '../contacts/index.js';
import { listCustomFields } from '../custom-fields/index.js';
import { dealTable } from '../deals/deal-table.js';
import { leadTable } from '../leads/lead-table.js';
import { type EntityTable, parseCsv } from '../lists/index.js';
import { dealContext, pipelineError } from './import-deals.js';
import { type Mapping, planImport } from './import-mapping.js';

export const IMPORT_TASK = 'crm.import';
export type ImportEntity = 'contact' | 'company' | 'lead' | 'deal';

export function tableOf(entity: string): EntityTable {
  if (entity === 'contact') return contactTable;
  if (entity === 'company') return companyTable;
  if (entity === 'lead') return leadTable;
  if (entity === 'deal') return dealTable;
  throw new AppError('CRM.IMPORT_ENTITY', 400, `body.entity: ${entity} imports are not supported`, {
    errors: [{ field: 'body.entity', message: 'must be contact, company, lead or deal' }],
  });
}

export interface ImportRecord {
  id: string;
  entity: string;
  filename: string;
  /** Deal imports: the pipeline the deals go into (null for other entities). */
  pipelineId: string | null;
  mapping: Mapping;
  status: 'queued' | 'running' | 'completed' | 'failed';
  totalRows: number;
  processedRows: number;
  createdRows: number;
  updatedRows: number;
  failedRows: number;
  errors: { line: number; reason: string }[];
  createdAt: string;
  finishedAt: string | null;
}

const cols = sql`id, entity, filename, pipeline_id as "pipelineId", mapping, status, total_rows as "totalRows", processed_rows as "processedRows",
  created_rows as "createdRows", updated_rows as "updatedRows", failed_rows as "failedRows", errors,
  created_at as "createdAt", finished_at as "finishedAt"`;

/**
 * Checks the mapping against the file's header, stores the file and the import, and enqueues
 * the job that runs it (all in the request's transaction).
 */
export async function createImport(
  ctx: TenantCtx,
  input: { entity: ImportEntity; filename: string; csv: string; mapping: Mapping; pipelineId?: string },
): Promise<ImportRecord> {
  const def = tableOf(input.entity);
  if (input.pipelineId && input.entity !== 'deal')
    throw pipelineError('only deal imports go into a pipeline');
  const deal = input.entity === 'deal' ? await dealContext(ctx, input.pipelineId) : undefined;
  const first = parseCsv(input.csv).next();
  if (first.done)
    throw new AppError('CRM.IMPORT_EMPTY', 400, 'body.csv: the file has no header row', {
      errors: [{ field: 'body.csv', message: 'the file has no header row' }],
    });
  planImport(def, first.value.cells, input.mapping, await listCustomFields(ctx, def.entity), deal);
  const id = uuidv7();
  const actor = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
  await exec(
    ctx.tx,
    sql`insert into crm.imports (tenant_id, id, entity, filename, pipeline_id, mapping, created_by)
      values (${ctx.tenantId}, ${id}, ${input.entity}, ${input.filename}, ${deal?.pipelineId ?? null},
        ${JSON.stringify(input.mapping)}::jsonb, ${actor})`,
  );
  await exec(
    ctx.tx,
    sql`insert into crm.import_files (tenant_id, import_id, content) values (${ctx.tenantId}, ${id}, ${Buffer.from(input.csv, 'utf8')})`,
  );
  await addJob(ctx, IMPORT_TASK, { importId: id }, { jobKey: `crm-import:${id}`, maxAttempts: 3 });
  return getImport(ctx, id);
}

export async function getImport(ctx: TenantCtx, id: string): Promise<ImportRecord> {
  const { rows } = await exec<ImportRecord>(ctx.tx, sql`select ${cols} from crm.imports where id = ${id}`);
  if (!rows[0]) throw new AppError('CRM.IMPORT_NOT_FOUND', 404, `Import ${id} was not found`);
  return rows[0];
}

export async function listImports(ctx: TenantCtx, limit: number): Promise<ImportRecord[]> {
  const { rows } = await exec<ImportRecord>(
    ctx.tx,
    sql`select ${cols} from crm.imports order by created_at desc, id desc limit ${limit}`,
  );
  return rows;
}
