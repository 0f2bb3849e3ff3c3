import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import { type Cache, createCache } from './cache.js';
import { systemCtx } from './context.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './db/embedded.js';
import { migrate } from './db/migrate.js';
import { createDatabase, type Database } from './db/pools.js';
import { EventRegistry, registerEvents } from './events.js';
import type { Authenticator, RouteRecord } from './guard.js';
import { type JobRunner, startJobRunner, TaskRegistry } from './jobs/jobs.js';
import { createMetrics, type Metrics } from './metrics.js';
import { registerWorkflowTasks, sweepStaleRuns, WorkflowRegistry } from './workflows/workflows.js';

/** The platform services every module gets: built once per process, closed in reverse order. */
export interface Hub {
  config: Config;
  log: Logger;
  db: Database;
  dbMode: 'embedded' | 'external';
  cache: Cache;
  metrics: Metrics;
  tasks: TaskRegistry;
  workflows: WorkflowRegistry;
  /** Domain event subscriptions (platform/events.ts). */
  events: EventRegistry;
  runner?: JobRunner;
  /** Set by the identity module: reads a request's credentials. */
  authenticate?: Authenticator;
  /** Every route with its access rule, as registered (for the access test and docs). */
  routes: RouteRecord[];
  startedAt: Date;
  systemCtx(tenantId: string | null, name?: string): ReturnType<typeof systemCtx>;
  close(): Promise<void>;
}

/** Starts (or connects to) PostgreSQL, applies migrations and opens the pools. */
export async function openDatabase(config: Config, log: Logger, opts: { migrate?: boolean } = {}) {
  let embedded: EmbeddedPostgres | undefined;
  let ownerUrl = config.DATABASE_URL;
  if (!ownerUrl) {
    const t = Date.now();
    embedded = await startEmbeddedPostgres({
      dir: path.join(config.DATA_DIR, 'postgres'),
      port: config.EMBEDDED_PG_PORT,
      log: (line) => log.debug({ module: 'postgres' }, line),
    });
    ownerUrl = embedded.url;
    log.info({ module: 'postgres', port: embedded.port, ms: Date.now() - t }, 'embedded PostgreSQL started');
  }
  if (opts.migrate !== false) {
    const applied = await migrate(ownerUrl, { appUrl: config.DATABASE_APP_URL });
    if (applied.length) log.info({ module: 'migrate', applied }, 'migrations applied');
  }
  const db = createDatabase({ ownerUrl, appUrl: config.DATABASE_APP_URL, poolMax: config.DATABASE_POOL_MAX });
  return { db, embedded };
}

export async function createHub(
  config: Config,
  log: Logger,
  opts: { runWorker?: boolean; migrate?: boolean } = {},
): Promise<Hub & { startWorker(): Promise<void> }> {
  const { db, embedded } = await openDatabase(config, log, opts);
  const cache = createCache(config.REDIS_URL, config.CACHE_PREFIX);
  const tasks = new TaskRegistry();
  const workflows = new WorkflowRegistry();
  registerWorkflowTasks(tasks, workflows, config.WORKFLOW_LEASE_SECONDS);
  const events = new EventRegistry();
  let sweep: NodeJS.Timeout | undefined;
  const hub: Hub & { startWorker(): Promise<void> } = {
    config,
    log,
    db,
    dbMode: embedded ? 'embedded' : 'external',
    cache,
    metrics: createMetrics(),
    tasks,
    workflows,
    events,
    routes: [],
    startedAt: new Date(),
    systemCtx: (tenantId, name) => systemCtx(db, log, tenantId, name),
    async startWorker() {
      hub.runner = await startJobRunner({
        db,
        registry: tasks,
        log,
        concurrency: config.WORKER_CONCURRENCY,
        pollInterval: 1000,
      });
      // Runs whose worker died are picked up again once their lease runs out.
      const everyMs = Math.max(1000, config.WORKFLOW_LEASE_SECONDS * 500);
      sweep = setInterval(() => {
        sweepStaleRuns(db).catch((err) => log.warn({ err }, 'workflow sweep failed'));
      }, everyMs);
      sweep.unref();
    },
    async close() {
      clearInterval(sweep);
      await hub.runner?.stop();
      log.debug('shutdown: job runner stopped');
      await cache.close();
      await db.close();
      log.debug('shutdown: pools closed');
      await embedded?.stop();
      log.debug('shutdown: embedded PostgreSQL stopped');
    },
  };
  registerEvents(hub, events);
  if (opts.runWorker) await hub.startWorker();
  return hub;
}
