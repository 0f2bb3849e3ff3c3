import { sql } from 'drizzle-orm';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/fixtures/wait.js';
import { buildTestHub, createTestTenant } from '../../../test/helpers.js';
import type { Ctx } from '../context.js';
import { exec, withTenant } from '../db/tenant.js';
import type { Hub } from '../hub.js';
import {
  addJob,
  addSystemJob,
  type JobRunner,
  jobQueueDepth,
  listJobs,
  startJobRunner,
  TaskRegistry,
} from './jobs.js';

interface Seen {
  tenantId: string | null;
  dbTenant: string | null;
  payload: Record<string, unknown>;
  attempts: number;
}

let hub: Hub;
let runner: JobRunner;
let a: string;
let b: string;
const seen: Seen[] = [];
const flakyCalls = new Map<string, number>();
let openGate = () => {};
const gate = new Promise<void>((r) => (openGate = r));
let gateStarted = false;
const CRON = { task: 'test.jobs.cron', schedule: '17 3 * * *' };

const seenFor = (tag: string) => seen.filter((s) => s.payload.tag === tag);
const jobRow = async (id: string) =>
  (
    await hub.db.admin.query(
      'select id::text, attempts, max_attempts, run_at, last_error, key, payload, locked_at from graphile_worker._private_jobs where id = $1',
      [id],
    )
  ).rows[0];

beforeAll(async () => {
  hub = await buildTestHub();
  a = (await createTestTenant(hub)).id;
  b = (await createTestTenant(hub)).id;
  const registry = new TaskRegistry();
  registry.define<{ tag: string }>('test.jobs.record', async (ctx, payload, job) => {
    // The handler can reach its tenant's rows: withTenant on the ctx it was given.
    const dbTenant = ctx.tenantId
      ? await withTenant(ctx, async ({ tx }) => {
          const { rows } = await exec<{ t: string }>(tx, sql`select platform.current_tenant()::text as t`);
          return rows[0]!.t;
        })
      : null;
    seen.push({ tenantId: ctx.tenantId, dbTenant, payload, attempts: job.attempts });
  });
  // Fails `failures` times for a tag, then succeeds.
  registry.define<{ tag: string; failures: number }>('test.jobs.flaky', async (_ctx: Ctx, payload, job) => {
    const n = (flakyCalls.get(payload.tag) ?? 0) + 1;
    flakyCalls.set(payload.tag, n);
    if (n <= payload.failures)
      throw new Error(`flaky failure ${n} (attempt ${job.attempts}/${job.maxAttempts})`);
    seen.push({ tenantId: _ctx.tenantId, dbTenant: null, payload, attempts: job.attempts });
  });
  // Runs until the test opens the gate, then fails.
  registry.define('test.jobs.gate', async () => {
    gateStarted = true;
    await gate;
    throw new Error('gate closed');
  });
  registry.cron(CRON);
  expect(() => registry.define('test.jobs.record', async () => {})).toThrow(/defined twice/);
  runner = await startJobRunner({ db: hub.db, registry, log: hub.log, concurrency: 2, pollInterval: 100 });
});
afterAll(async () => {
  openGate();
  await runner?.stop();
  await hub?.close();
});

describe('jobs', () => {
  it('a job added inside withTenant runs once, with ctx.tenantId of that tenant', async () => {
    const id = await withTenant(hub.systemCtx(a), (ctx) =>
      addJob(ctx, 'test.jobs.record', { tag: 'tenant-a' }),
    );
    await waitFor(() => seenFor('tenant-a').length > 0, 'the tenant job to run');
    await waitFor(async () => !(await jobRow(id)), 'the job row to be deleted on success');
    expect(seenFor('tenant-a')).toEqual([
      { tenantId: a, dbTenant: a, payload: { tag: 'tenant-a', tenantId: a }, attempts: 1 },
    ]);
    // A system job runs with no tenant.
    await addSystemJob(hub.db, 'test.jobs.record', { tag: 'system' });
    await waitFor(() => seenFor('system').length > 0, 'the system job to run');
    expect(seenFor('system')[0]).toMatchObject({ tenantId: null, dbTenant: null });
  });

  it('a job added in a transaction that rolls back never exists and never runs', async () => {
    let id = '';
    await expect(
      withTenant(hub.systemCtx(a), async (ctx) => {
        id = await addJob(ctx, 'test.jobs.record', { tag: 'rolled-back' });
        throw new Error('abort the business change');
      }),
    ).rejects.toThrow('abort');
    expect(id).toMatch(/^\d+$/);
    expect(await jobRow(id)).toBeUndefined();
    // A job committed afterwards runs; the rolled-back one still has not.
    await withTenant(hub.systemCtx(a), (ctx) => addJob(ctx, 'test.jobs.record', { tag: 'after-rollback' }));
    await waitFor(() => seenFor('after-rollback').length > 0, 'the committed job to run');
    expect(seenFor('rolled-back')).toEqual([]);
  });

  it('a failing task is retried with backoff, ends as failed with its error, and retry() runs it again', async () => {
    const payload = { tag: 'flaky', failures: 2 };
    const id = await withTenant(hub.systemCtx(a), (ctx) =>
      addJob(ctx, 'test.jobs.flaky', payload, { maxAttempts: 2 }),
    );
    const first = await waitFor(async () => {
      const r = await jobRow(id);
      return r?.attempts === 1 && r.locked_at === null && r.last_error ? r : null;
    }, 'the first failure to be recorded');
    expect(first.last_error).toMatch(/flaky failure 1 \(attempt 1\/2\)/);
    // Backoff: graphile-worker waits exp(attempts) seconds, so the next try is ~2.7 s away.
    const delayMs = new Date(first.run_at).getTime() - Date.now();
    expect(delayMs).toBeGreaterThan(1000);
    expect(delayMs).toBeLessThan(3000);
    expect(await listJobs(hub.db, { state: 'scheduled' })).toContainEqual(
      expect.objectContaining({ id, attempts: 1 }),
    );
    // Do not wait for the backoff: bring the retry forward, keeping the attempt count.
    await runner.utils.rescheduleJobs([id], { runAt: new Date() });
    await waitFor(
      async () => (await jobRow(id))?.attempts === 2 && flakyCalls.get('flaky') === 2,
      'the second failure',
    );

    const failed = await waitFor(
      async () => (await listJobs(hub.db, { state: 'failed' })).find((j) => j.id === id),
      'the job to be listed as failed',
    );
    expect(failed).toMatchObject({ task: 'test.jobs.flaky', tenantId: a, attempts: 2, maxAttempts: 2 });
    expect(failed.lastError).toMatch(/flaky failure 2 \(attempt 2\/2\)/);
    // Exhausted: it is not tried a third time by itself.
    await new Promise((r) => setTimeout(r, 400));
    expect(flakyCalls.get('flaky')).toBe(2);

    await runner.retry(id);
    await waitFor(() => seenFor('flaky').length > 0, 'the retried job to succeed');
    expect(flakyCalls.get('flaky')).toBe(3);
    expect(seenFor('flaky')[0]).toMatchObject({ tenantId: a, attempts: 1 });
    await waitFor(async () => !(await jobRow(id)), 'the succeeded job to be deleted');
    await expect(runner.retry(id)).rejects.toMatchObject({ code: 'PLATFORM.JOB_NOT_FOUND', status: 404 });
    await expect(runner.retry('not-a-job-id')).rejects.toMatchObject({
      code: 'PLATFORM.JOB_NOT_FOUND',
      status: 404,
    });
  });

  it('a job running its last attempt is listed as running, not failed, until it fails', async () => {
    const id = await withTenant(hub.systemCtx(a), (ctx) =>
      addJob(ctx, 'test.jobs.gate', {}, { maxAttempts: 1 }),
    );
    await waitFor(() => gateStarted, 'the gated job to start');
    const running = (await listJobs(hub.db)).find((j) => j.id === id);
    expect(running).toMatchObject({ state: 'running', attempts: 1, maxAttempts: 1, lastError: null });
    expect(running!.lockedBy).toBe(runner.workerId);
    await expect(runner.cancel(id)).rejects.toMatchObject({ code: 'PLATFORM.JOB_NOT_FOUND' });
    openGate();
    const failed = await waitFor(
      async () => (await listJobs(hub.db, { state: 'failed' })).find((j) => j.id === id),
      'the gated job to be failed',
    );
    expect(failed).toMatchObject({ attempts: 1, lastError: 'gate closed', lockedBy: null });
    await runner.cancel(id);
  });

  it('cancel() removes a waiting job before it runs', async () => {
    const id = await withTenant(hub.systemCtx(a), (ctx) =>
      addJob(ctx, 'test.jobs.record', { tag: 'cancelled' }, { runAt: new Date(Date.now() + 500) }),
    );
    expect(await listJobs(hub.db, { state: 'scheduled' })).toContainEqual(
      expect.objectContaining({ id, task: 'test.jobs.record' }),
    );
    await runner.cancel(id);
    expect(await jobRow(id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 800));
    expect(seenFor('cancelled')).toEqual([]);
    await expect(runner.cancel(id)).rejects.toMatchObject({ code: 'PLATFORM.JOB_NOT_FOUND' });
  });

  it('job keys de-duplicate within a tenant (the second add replaces the waiting job) and not across tenants', async () => {
    const later = new Date(Date.now() + 60_000);
    const add = (tenantId: string, n: number) =>
      withTenant(hub.systemCtx(tenantId), (ctx) =>
        addJob(ctx, 'test.jobs.record', { tag: 'keyed', n }, { jobKey: 'digest', runAt: later }),
      );
    const first = await add(a, 1);
    const second = await add(a, 2);
    const other = await add(b, 1);
    expect(second).toBe(first);
    expect(other).not.toBe(first);
    const { rows } = await hub.db.admin.query(
      `select key, payload from graphile_worker._private_jobs where key = any($1) order by key`,
      [[`${a}:digest`, `${b}:digest`]],
    );
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.key === `${a}:digest`).payload).toEqual({ tag: 'keyed', n: 2, tenantId: a });
    await runner.cancel(first);
    await runner.cancel(other);
  });

  it('a cron registered on the TaskRegistry is installed in graphile-worker when the runner starts', async () => {
    const { rows } = await hub.db.admin.query(
      'select identifier, known_since from graphile_worker._private_known_crontabs',
    );
    expect(rows.map((r) => r.identifier)).toContain(`${CRON.task}@${CRON.schedule}`);
    // The runner schedules it: a bad schedule is refused at start-up instead of silently ignored.
    const bad = new TaskRegistry();
    bad.define('test.jobs.bad-cron', async () => {});
    bad.cron({ task: 'test.jobs.bad-cron', schedule: 'every minute' });
    await expect(
      startJobRunner({ db: hub.db, registry: bad, log: hub.log, concurrency: 1 }),
    ).rejects.toThrow();
  });

  it('jobQueueDepth counts waiting and exhausted jobs', async () => {
    // One snapshot for the whole check, so jobs of tests running in parallel do not move the numbers.
    const client = await hub.db.admin.connect();
    try {
      await client.query('begin isolation level repeatable read');
      const db = { ...hub.db, admin: client as unknown as pg.Pool };
      const before = await jobQueueDepth(db);
      const later = new Date(Date.now() + 60_000);
      await addSystemJob(db, 'test.jobs.record', { tag: 'depth' }, { runAt: later });
      await addSystemJob(db, 'test.jobs.record', { tag: 'depth' }, { runAt: later });
      const exhausted = await addSystemJob(
        db,
        'test.jobs.record',
        { tag: 'depth' },
        { runAt: later, maxAttempts: 3 },
      );
      await client.query('update graphile_worker._private_jobs set attempts = max_attempts where id = $1', [
        exhausted,
      ]);
      const after = await jobQueueDepth(db);
      expect(after).toEqual({ queued: before.queued + 2, failed: before.failed + 1 });
    } finally {
      await client.query('rollback');
      client.release();
    }
  });
});
