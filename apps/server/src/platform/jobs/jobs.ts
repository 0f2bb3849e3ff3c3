import { EventEmitter } from 'node:events';
import { sql } from 'drizzle-orm';
import {
  makeWorkerUtils,
  parseCronItems,
  type Runner,
  run,
  type Task,
  type WorkerEvents,
  Logger as WorkerLogger,
  type WorkerUtils,
} from 'graphile-worker';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Ctx, TenantCtx } from '../context.js';
import type { Database } from '../db/pools.js';
import { exec } from '../db/tenant.js';
import { AppError } from '../errors.js';

export interface JobInfo {
  id: string;
  attempts: number;
  maxAttempts: number;
}

/** A task runs with a context for the tenant that enqueued it (or none, for system jobs). */
export type TaskHandler<P = Record<string, unknown>> = (ctx: Ctx, payload: P, job: JobInfo) => Promise<void>;

export interface CronDef {
  task: string;
  /** Crontab time fields, e.g. `* * * * *`. */
  schedule: string;
  payload?: Record<string, unknown>;
}

export class TaskRegistry {
  readonly tasks = new Map<string, TaskHandler<never>>();
  readonly crons: CronDef[] = [];
  define<P>(name: string, handler: TaskHandler<P>) {
    if (this.tasks.has(name)) throw new Error(`task ${name} is defined twice`);
    this.tasks.set(name, handler as TaskHandler<never>);
  }
  cron(def: CronDef) {
    this.crons.push(def);
  }
}

export interface AddJobOptions {
  runAt?: Date;
  maxAttempts?: number;
  /** De-duplication: a second job with the same key replaces the first while it waits. */
  jobKey?: string;
  queue?: string;
  priority?: number;
}

/**
 * Enqueue inside the caller's tenant transaction: the job exists exactly when the change that
 * caused it commits. The database stamps the payload with the transaction's tenant.
 */
export async function addJob(ctx: TenantCtx, task: string, payload: object = {}, o: AddJobOptions = {}) {
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select platform.add_job(${task}, ${JSON.stringify(payload)}::jsonb, ${o.runAt?.toISOString() ?? null}::timestamptz,
      ${o.maxAttempts ?? null}::int, ${o.jobKey ?? null}, ${o.queue ?? null}, ${o.priority ?? null}::int) as id`,
  );
  return String(rows[0]!.id);
}

/** System jobs (no tenant), enqueued on the owner pool. */
export async function addSystemJob(db: Database, task: string, payload: object = {}, o: AddJobOptions = {}) {
  const { rows } = await db.admin.query<{ id: string }>(
    `select (graphile_worker.add_job($1, $2::json, queue_name => $3, run_at => $4, max_attempts => $5,
       job_key => $6, priority => $7)).id`,
    [
      task,
      JSON.stringify(payload),
      o.queue ?? null,
      o.runAt ?? null,
      o.maxAttempts ?? null,
      o.jobKey ?? null,
      o.priority ?? null,
    ],
  );
  return String(rows[0]!.id);
}

export type JobState = 'queued' | 'scheduled' | 'running' | 'failed';

export interface JobRow {
  id: string;
  task: string;
  state: JobState;
  tenantId: string | null;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  runAt: string;
  createdAt: string;
  lockedBy: string | null;
}

/**
 * A job locked by a worker (graphile-worker treats locks older than 4 hours as abandoned). The
 * worker increments attempts when it locks a job, so a job running its last attempt already has
 * attempts = max_attempts: it is running, not failed.
 */
const LIVE_LOCK = `(j.locked_at is not null and j.locked_at > now() - interval '4 hours')`;

/** Jobs for operators: failed jobs stay in the table (attempts = max_attempts) until retried or removed. */
export async function listJobs(
  db: Database,
  filter: { state?: JobState; task?: string; limit?: number; beforeId?: string } = {},
): Promise<JobRow[]> {
  const { rows } = await db.admin.query(
    `select * from (
       select j.id::text, t.identifier as task, j.payload->>'tenantId' as "tenantId", j.attempts,
         j.max_attempts as "maxAttempts", j.last_error as "lastError", j.run_at as "runAt",
         j.created_at as "createdAt", j.locked_by as "lockedBy",
         case when ${LIVE_LOCK} then 'running'
              when j.attempts >= j.max_attempts then 'failed'
              when j.run_at > now() then 'scheduled' else 'queued' end as state
       from graphile_worker._private_jobs j join graphile_worker._private_tasks t on t.id = j.task_id
       where ($2::text is null or t.identifier = $2) and ($4::bigint is null or j.id < $4::bigint)
     ) jobs where ($1::text is null or state = $1)
     order by id::bigint desc limit $3`,
    [filter.state ?? null, filter.task ?? null, filter.limit ?? 100, filter.beforeId ?? null],
  );
  return rows as JobRow[];
}

/** Runs an exhausted or waiting job again now, with a fresh attempt count (not while it runs). */
export async function retryJob(db: Database, id: string) {
  if (!/^\d{1,18}$/.test(id)) throw new AppError('PLATFORM.JOB_NOT_FOUND', 404, `Job ${id} was not found`);
  // Not WorkerUtils.rescheduleJobs: it sends `attempts || null`, so attempts: 0 would be dropped.
  const { rows } = await db.admin.query(
    `select id from graphile_worker.reschedule_jobs(array[$1::bigint], run_at := now(), attempts := 0)`,
    [id],
  );
  if (!rows[0]) throw new AppError('PLATFORM.JOB_NOT_FOUND', 404, `Job ${id} was not found or is running`);
}

/** Removes a job that is not running. */
export async function cancelJob(db: Database, id: string) {
  if (!/^\d{1,18}$/.test(id)) throw new AppError('PLATFORM.JOB_NOT_FOUND', 404, `Job ${id} was not found`);
  const { rows } = await db.admin.query(`select id from graphile_worker.complete_jobs(array[$1::bigint])`, [
    id,
  ]);
  if (!rows[0]) throw new AppError('PLATFORM.JOB_NOT_FOUND', 404, `Job ${id} was not found or is running`);
}

/** queued: waiting, scheduled or running; failed: exhausted (attempts = max_attempts) and not running. */
export async function jobQueueDepth(db: Database): Promise<{ queued: number; failed: number }> {
  const { rows } = await db.admin.query(
    `select count(*) filter (where not (attempts >= max_attempts and not ${LIVE_LOCK}))::int as queued,
            count(*) filter (where attempts >= max_attempts and not ${LIVE_LOCK})::int as failed
     from graphile_worker._private_jobs j`,
  );
  return rows[0] as { queued: number; failed: number };
}

export interface JobRunner {
  /** What graphile-worker writes into locked_by for jobs this runner holds (its worker pool id). */
  readonly workerId: string | null;
  utils: WorkerUtils;
  healthy(): boolean;
  stop(): Promise<void>;
  retry(id: string): Promise<void>;
  cancel(id: string): Promise<void>;
}

export async function startJobRunner(opts: {
  db: Database;
  registry: TaskRegistry;
  log: Logger;
  concurrency: number;
  pollInterval?: number;
}): Promise<JobRunner> {
  const { db, registry, log } = opts;
  const logger = new WorkerLogger((scope) => (level, message, meta) => {
    const l = log.child({ module: 'jobs', ...scope });
    if (level === 'error') l.error(meta ?? {}, message);
    else if (level === 'warning') l.warn(meta ?? {}, message);
    else l.debug(meta ?? {}, message);
  });
  const taskList: Record<string, Task> = {};
  for (const [name, handler] of registry.tasks) {
    taskList[name] = async (payload, helpers) => {
      const p = (payload ?? {}) as Record<string, unknown>;
      const tenantId = typeof p.tenantId === 'string' ? p.tenantId : null;
      const ctx: Ctx = {
        tenantId,
        actor: { kind: 'system', name: `job:${name}` },
        db,
        log: log.child({ module: 'jobs', task: name, jobId: helpers.job.id, tenantId }),
      };
      await handler(ctx, p as never, {
        id: String(helpers.job.id),
        attempts: helpers.job.attempts,
        maxAttempts: helpers.job.max_attempts,
      });
    };
  }
  // Our own emitter, passed in: run() creates its pool and workers before it returns, so a
  // listener added to runner.events afterwards would miss them.
  const events = new EventEmitter() as WorkerEvents;
  let workerId: string | null = null;
  events.on('pool:create', ({ workerPool }) => {
    workerId = workerPool.id;
  });
  // A pool we own: graphile-worker leaves pools it was handed open, so we end this one after the
  // runner has stopped and before the database goes away (an unowned pool's idle clients would
  // raise unhandled errors when the embedded server shuts down).
  const pgPool = new pg.Pool({
    connectionString: db.ownerUrl,
    max: opts.concurrency + 3,
    application_name: 'bizosaas-worker',
  });
  const onError = (err: Error) => log.warn({ err, module: 'jobs' }, 'job connection failed');
  pgPool.on('error', onError);
  pgPool.on('connect', (client) => client.on('error', onError));
  const runner: Runner = await run({
    events,
    pgPool,
    concurrency: opts.concurrency,
    taskList,
    parsedCronItems: parseCronItems(
      registry.crons.map((c) => ({
        task: c.task,
        match: c.schedule,
        identifier: `${c.task}@${c.schedule}`,
        payload: c.payload,
        options: { backfillPeriod: 0 },
      })),
    ),
    noHandleSignals: true,
    pollInterval: opts.pollInterval ?? 2000,
    logger,
  });
  let healthy = true;
  runner.promise.catch((err) => {
    healthy = false;
    log.error({ err }, 'job runner stopped unexpectedly');
  });
  const utils = await makeWorkerUtils({ pgPool, logger });
  let stopping: Promise<void> | undefined;
  return {
    get workerId() {
      return workerId;
    },
    utils,
    healthy: () => healthy,
    stop() {
      // Graceful: stop taking jobs, let running ones finish, release the pool.
      stopping ??= (async () => {
        healthy = false;
        await runner.stop().catch(() => {});
        await utils.release();
        // The runner may hand its LISTEN connection back late; don't let that hold up shutdown.
        await Promise.race([pgPool.end(), new Promise((r) => setTimeout(r, 1500).unref())]);
      })();
      return stopping;
    },
    retry: (id) => retryJob(db, id),
    cancel: (id) => cancelJob(db, id),
  };
}
