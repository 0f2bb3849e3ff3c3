import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { Ctx, TenantCtx } from '../context.js';
import type { Database } from '../db/pools.js';
import { exec, withTenant } from '../db/tenant.js';
import { AppError } from '../errors.js';
import { uuidv7 } from '../ids.js';
import { addJob, type TaskRegistry } from '../jobs/jobs.js';

/**
 * Durable workflows: a run is a sequence of named steps whose results are checkpointed in
 * platform.workflow_steps. A step's database effects commit in the same transaction as its
 * checkpoint, so after a crash the run resumes where it stopped and no finished step runs again.
 * Steps with effects outside the database get an idempotency key (`<runId>:<step>`) to pass on.
 */
export interface WorkflowApi<I> {
  runId: string;
  input: I;
  step<T>(name: string, fn: (ctx: TenantCtx, idempotencyKey: string) => Promise<T>): Promise<T>;
}

export type WorkflowFn<I = unknown, O = unknown> = (wf: WorkflowApi<I>) => Promise<O>;

export class WorkflowRegistry {
  readonly defs = new Map<string, WorkflowFn<never, unknown>>();
  define<I, O>(name: string, fn: WorkflowFn<I, O>) {
    if (this.defs.has(name)) throw new Error(`workflow ${name} is defined twice`);
    this.defs.set(name, fn as WorkflowFn<never, unknown>);
  }
}

export const WORKFLOW_TASK = 'platform.workflow';

export type WorkflowRun = {
  id: string;
  workflow: string;
  status: 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
  input: unknown;
  output: unknown;
  error: string | null;
  attempts: number;
  createdAt: string;
  finishedAt: string | null;
  steps: { step: string; seq: number; result: unknown; finishedAt: string }[];
};

/** Starts a run in the caller's transaction; with a key, starting twice returns the first run. */
export async function startWorkflow(
  ctx: TenantCtx,
  workflow: string,
  input: unknown,
  opts: { key?: string } = {},
) {
  const id = uuidv7();
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`
    insert into platform.workflow_runs (tenant_id, id, workflow, key, input)
    values (${ctx.tenantId}, ${id}, ${workflow}, ${opts.key ?? null}, ${JSON.stringify(input ?? {})}::jsonb)
    on conflict (tenant_id, workflow, key) do nothing returning id`,
  );
  if (!rows.length) {
    const existing = await exec<{ id: string }>(
      ctx.tx,
      sql`select id from platform.workflow_runs where workflow = ${workflow} and key = ${opts.key!}`,
    );
    return existing.rows[0]!.id;
  }
  await addJob(ctx, WORKFLOW_TASK, { runId: id }, { jobKey: `wf:${id}` });
  return id;
}

export async function getWorkflowRun(ctx: TenantCtx, runId: string): Promise<WorkflowRun> {
  const { rows } = await exec(
    ctx.tx,
    sql`
    select r.id, r.workflow, r.status, r.input, r.output, r.error, r.attempts,
      r.created_at as "createdAt", r.finished_at as "finishedAt",
      coalesce((select json_agg(json_build_object('step', s.step, 'seq', s.seq, 'result', s.result,
        'finishedAt', s.finished_at) order by s.seq) from platform.workflow_steps s
        where s.tenant_id = r.tenant_id and s.run_id = r.id), '[]') as steps
    from platform.workflow_runs r where r.id = ${runId}`,
  );
  if (!rows[0])
    throw new AppError('PLATFORM.WORKFLOW_RUN_NOT_FOUND', 404, `Workflow run ${runId} was not found`);
  return rows[0] as unknown as WorkflowRun;
}

class LeaseLost extends Error {}

async function executeRun(
  base: Ctx,
  registry: WorkflowRegistry,
  runId: string,
  job: { attempts: number; maxAttempts: number },
  leaseSeconds: number,
) {
  const owner = `${os.hostname()}:${process.pid}:${randomUUID()}`;
  const lease = `${leaseSeconds} seconds`;
  const claimed = await withTenant(base, async ({ tx }) => {
    // A process that does not know the workflow (an older version in a rolling deploy) must not
    // take the lease: it fails the job instead, so graphile-worker retries it, maybe elsewhere.
    const run = await exec<{ workflow: string }>(
      tx,
      sql`select workflow from platform.workflow_runs where id = ${runId}`,
    );
    if (run.rows[0] && !registry.defs.has(run.rows[0].workflow)) {
      throw new Error(`workflow ${run.rows[0].workflow} is not defined in this process`);
    }
    const { rows } = await exec<{ workflow: string; input: unknown }>(
      tx,
      sql`
      update platform.workflow_runs set status = 'running', lease_owner = ${owner},
        lease_until = now() + ${lease}::interval, attempts = attempts + 1, updated_at = now()
      where id = ${runId} and status in ('pending', 'running')
        and (lease_until is null or lease_until < now())
      returning workflow, input`,
    );
    return rows[0];
  });
  // Finished, cancelled, or another live worker holds the lease (the sweeper covers its death).
  if (!claimed) return;
  const fn = registry.defs.get(claimed.workflow)!;

  const done = new Map<string, unknown>();
  await withTenant(base, async ({ tx }) => {
    const { rows } = await exec<{ step: string; result: unknown }>(
      tx,
      sql`select step, result from platform.workflow_steps where run_id = ${runId} order by seq`,
    );
    for (const r of rows) done.set(r.step, r.result);
  });
  let seq = done.size;
  const seen = new Set<string>();

  // A beat waits while a step holds the run's row lock; never stack beats on pooled connections.
  let beating = false;
  const heartbeat = setInterval(
    () => {
      if (beating) return;
      beating = true;
      withTenant(base, ({ tx }) =>
        exec(
          tx,
          sql`update platform.workflow_runs set lease_until = now() + ${lease}::interval
          where id = ${runId} and lease_owner = ${owner}`,
        ),
      )
        .catch((err) => base.log.warn({ err, runId }, 'workflow heartbeat failed'))
        .finally(() => {
          beating = false;
        });
    },
    Math.max(200, (leaseSeconds * 1000) / 3),
  );
  heartbeat.unref();

  const api: WorkflowApi<unknown> = {
    runId,
    input: claimed.input,
    async step(name, stepFn) {
      if (seen.has(name)) throw new Error(`step "${name}" appears twice in workflow ${claimed.workflow}`);
      seen.add(name);
      if (done.has(name)) return done.get(name) as never;
      const result = await withTenant(base, async (ctx) => {
        // Fence: only the lease holder may commit a step; the row lock serialises commits.
        const held = await exec(
          ctx.tx,
          sql`select 1 from platform.workflow_runs
          where id = ${runId} and lease_owner = ${owner} for update`,
        );
        if (!held.rows.length) throw new LeaseLost();
        const value = await stepFn(ctx, `${runId}:${name}`);
        const json = value === undefined ? null : JSON.parse(JSON.stringify(value));
        await exec(
          ctx.tx,
          sql`insert into platform.workflow_steps (tenant_id, run_id, step, seq, result)
          values (${ctx.tenantId}, ${runId}, ${name}, ${++seq}, ${JSON.stringify(json)}::jsonb)`,
        );
        await exec(
          ctx.tx,
          sql`update platform.workflow_runs set steps_completed = steps_completed + 1 where id = ${runId}`,
        );
        return json;
      });
      done.set(name, result);
      return result as never;
    },
  };

  try {
    const output = await fn(api as WorkflowApi<never>);
    await withTenant(base, ({ tx }) =>
      exec(
        tx,
        sql`update platform.workflow_runs set status = 'completed',
        output = ${JSON.stringify(output ?? null)}::jsonb, error = null, lease_owner = null, lease_until = null,
        finished_at = now(), updated_at = now() where id = ${runId} and lease_owner = ${owner}`,
      ),
    );
  } catch (err) {
    if (err instanceof LeaseLost) return;
    const final = job.attempts >= job.maxAttempts;
    await withTenant(base, ({ tx }) =>
      exec(
        tx,
        sql`update platform.workflow_runs set error = ${(err as Error).message},
        status = ${final ? 'failed' : 'running'}, lease_owner = null, lease_until = null, updated_at = now(),
        finished_at = ${final ? sql`now()` : null} where id = ${runId} and lease_owner = ${owner}`,
      ),
    );
    throw err; // graphile-worker retries with backoff
  } finally {
    clearInterval(heartbeat);
  }
}

/**
 * Re-enqueues runs whose lease ran out (their worker died). The job key matches the one
 * startWorkflow used, so several sweepers at once still yield one job per run. When the old job
 * is still locked by the dead worker, add_job clears its key, marks it exhausted and inserts a
 * new one; the old row would then sit in the queue as "failed" forever, so it is deleted
 * (graphile-worker ignores completing or failing a job row that is gone).
 */
export async function sweepStaleRuns(db: Database): Promise<number> {
  const { rows } = await db.admin.query<{ tenant_id: string; id: string }>(
    `select tenant_id, id from platform.workflow_runs
     where status in ('pending', 'running') and lease_until < now() limit 500`,
  );
  for (const r of rows) {
    await db.admin.query(`select graphile_worker.add_job('${WORKFLOW_TASK}', $1::json, job_key => $2)`, [
      JSON.stringify({ runId: r.id, tenantId: r.tenant_id }),
      `${r.tenant_id}:wf:${r.id}`,
    ]);
    await db.admin.query(
      `delete from graphile_worker._private_jobs j using graphile_worker._private_tasks t
       where t.id = j.task_id and t.identifier = '${WORKFLOW_TASK}' and j.payload->>'runId' = $1
         and j.key is null and j.locked_at is not null and j.attempts >= j.max_attempts`,
      [r.id],
    );
  }
  return rows.length;
}

export function registerWorkflowTasks(tasks: TaskRegistry, registry: WorkflowRegistry, leaseSeconds: number) {
  tasks.define<{ runId: string }>(WORKFLOW_TASK, (ctx, payload, job) =>
    executeRun(ctx, registry, payload.runId, job, leaseSeconds),
  );
}

export interface WorkflowRunSummary {
  id: string;
  workflow: string;
  status: WorkflowRun['status'];
  error: string | null;
  attempts: number;
  steps: number;
  createdAt: string;
  updatedAt: string;
  finishedAt: string | null;
}

/** The tenant's runs, newest first, keyset-paginated by id (UUIDv7, so by creation time). */
export async function listWorkflowRuns(
  ctx: TenantCtx,
  f: { status?: WorkflowRun['status']; workflow?: string; before?: string; limit: number },
): Promise<WorkflowRunSummary[]> {
  const { rows } = await exec<WorkflowRunSummary>(
    ctx.tx,
    sql`select r.id, r.workflow, r.status, r.error, r.attempts,
      r.steps_completed as steps,
      r.created_at as "createdAt", r.updated_at as "updatedAt", r.finished_at as "finishedAt"
    from platform.workflow_runs r
    where (${f.status ?? null}::text is null or r.status = ${f.status ?? null})
      and (${f.workflow ?? null}::text is null or r.workflow = ${f.workflow ?? null})
      and (${f.before ?? null}::uuid is null or r.id < ${f.before ?? null}::uuid)
    order by r.id desc limit ${f.limit}`,
  );
  return rows;
}
