import { sql } from 'drizzle-orm';
import type { Ctx, TenantCtx } from '../../../platform/context.js';
import { exec, withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { listCustomFields } from '../custom-fields/index.js';
import { parseCsv } from '../lists/index.js';
import { enqueueRescoreAll } from '../scoring/scoring.jobs.js';
import { dateOrderOf } from './deal-values.js';
import { type DealContext, dealContext, writeDeals } from './import-deals.js';
import { type Mapping, mapRow, planImport } from './import-mapping.js';
import { type BatchRow, writeBatch } from './import-writer.js';
import { IMPORT_TASK, tableOf } from './imports.service.js';

const BATCH = 1000;
const MAX_ERRORS = 1000;

type Counts = { processed: number; created: number; updated: number; failed: number };
type RowError = { line: number; reason: string };

/** A batch that the database refuses as a whole is written row by row, so only bad rows fail. */
async function writeSafely(
  ctx: TenantCtx,
  write: (ctx: TenantCtx, rows: BatchRow[]) => Promise<{ created: number; updated: number }>,
  rows: BatchRow[],
  errors: RowError[],
) {
  const q = (s: string) => ctx.tx.$client.query(s);
  await q('savepoint import_batch');
  try {
    const r = await write(ctx, rows);
    await q('release savepoint import_batch');
    return r;
  } catch {
    await q('rollback to savepoint import_batch');
  }
  const total = { created: 0, updated: 0 };
  for (const row of rows) {
    await q('savepoint import_row');
    try {
      const r = await write(ctx, [row]);
      total.created += r.created;
      total.updated += r.updated;
      await q('release savepoint import_row');
    } catch (err) {
      await q('rollback to savepoint import_row');
      const e = err as { code?: string; constraint?: string };
      errors.push({
        line: row.line,
        reason: `rejected by the database (${e.constraint ?? e.code ?? 'error'})`,
      });
    }
  }
  return total;
}

/**
 * Runs an import: every batch of 1,000 rows is written and counted in one transaction, so
 * progress is visible while it runs and a retried job resumes after the last committed batch.
 */
export async function runImport(base: Ctx, importId: string): Promise<void> {
  const start = await withTenant(base, async (ctx) => {
    const { rows } = await exec<
      {
        entity: string;
        pipelineId: string | null;
        mapping: Mapping;
        status: string;
        content: Buffer;
      } & Counts
    >(
      ctx.tx,
      sql`update crm.imports i set status = 'running' from crm.import_files f
        where i.id = ${importId} and f.import_id = i.id and i.status in ('queued', 'running')
        returning i.entity, i.pipeline_id as "pipelineId", i.mapping, i.status, f.content, i.processed_rows as processed,
          i.created_rows as created, i.updated_rows as updated, i.failed_rows as failed`,
    );
    const row = rows[0];
    if (!row) return undefined;
    const fields = await listCustomFields(ctx, tableOf(row.entity).entity);
    let deal: DealContext | undefined;
    if (row.entity === 'deal') {
      // The pipeline was deleted after the import was started: nothing can be placed.
      if (!row.pipelineId) {
        const errors = JSON.stringify([{ line: 1, reason: 'the pipeline of this import no longer exists' }]);
        await exec(
          ctx.tx,
          sql`update crm.imports set status = 'failed', finished_at = now(), errors = ${errors}::jsonb
            where id = ${importId}`,
        );
        return undefined;
      }
      deal = await dealContext(ctx, row.pipelineId);
    }
    return { ...row, custom: fields, deal };
  });
  if (!start) return;
  const def = tableOf(start.entity);
  const records = [...parseCsv(start.content.toString('utf8'))];
  const header = records.shift();
  const plan = planImport(def, header?.cells ?? [], start.mapping, start.custom, start.deal);
  if (plan.deal) {
    // Numeric dates: day or month first, as the file's own dates show (dateOrderOf).
    const at = plan.targets.find((t) => t.field === 'expectedCloseDate')?.index;
    if (at !== undefined) plan.deal.dateOrder = dateOrderOf(records.map((r) => r.cells[at] ?? ''));
  }
  const write = (ctx: TenantCtx, rows: BatchRow[]) =>
    plan.deal ? writeDeals(ctx, plan.deal, plan.fields, rows) : writeBatch(ctx, def, plan.fields, rows);
  const counts: Counts = {
    processed: start.processed,
    created: start.created,
    updated: start.updated,
    failed: start.failed,
  };
  await withTenant(base, (ctx) =>
    exec(ctx.tx, sql`update crm.imports set total_rows = ${records.length} where id = ${importId}`),
  );

  let batch: BatchRow[] = [];
  let batchErrors: RowError[] = [];
  let externalIds = new Set<string>();
  const flush = () =>
    withTenant(base, async (ctx) => {
      const errors = batchErrors;
      const n = batch.length + errors.length;
      const r = batch.length ? await writeSafely(ctx, write, batch, errors) : { created: 0, updated: 0 };
      counts.processed += n;
      counts.created += r.created;
      counts.updated += r.updated;
      counts.failed += errors.length;
      await exec(
        ctx.tx,
        sql`update crm.imports set processed_rows = ${counts.processed}, created_rows = ${counts.created},
          updated_rows = ${counts.updated}, failed_rows = ${counts.failed},
          errors = case when jsonb_array_length(errors) >= ${MAX_ERRORS} then errors
                   else errors || ${JSON.stringify(errors.slice(0, MAX_ERRORS))}::jsonb end
          where id = ${importId}`,
      );
      batch = [];
      batchErrors = [];
      externalIds = new Set();
    });

  // Rows already committed by an earlier attempt are skipped.
  for (const rec of records.slice(counts.processed)) {
    const m = mapRow(def, plan, rec.cells);
    if ('error' in m) batchErrors.push({ line: rec.line, reason: m.error });
    else {
      const ext = m.values.get('externalId');
      // One statement cannot update the same row twice: a repeated external id starts a new batch.
      if (typeof ext === 'string' && externalIds.has(ext)) await flush();
      if (typeof ext === 'string') externalIds.add(ext);
      batch.push({ line: rec.line, values: m.values });
    }
    if (batch.length + batchErrors.length >= BATCH) await flush();
  }
  await flush();
  await withTenant(base, async (ctx) => {
    await exec(
      ctx.tx,
      sql`update crm.imports set status = 'completed', finished_at = now() where id = ${importId}`,
    );
    // Imported leads get their scores like any other new or changed lead (one job for the tenant).
    if (start.entity === 'lead' && counts.created + counts.updated > 0) await enqueueRescoreAll(ctx);
  });
}

export function registerImports(hub: Hub) {
  hub.tasks.define<{ importId: string }>(IMPORT_TASK, async (base, { importId }, job) => {
    try {
      await runImport(base, importId);
    } catch (err) {
      if (job.attempts >= job.maxAttempts)
        await withTenant(base, (ctx) =>
          exec(
            ctx.tx,
            sql`update crm.imports set status = 'failed', finished_at = now() where id = ${importId}`,
          ),
        );
      throw err;
    }
  });
}
