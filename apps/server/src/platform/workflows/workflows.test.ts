import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/fixtures/wait.js';
import { createTestTenant, testConfig } from '../../../test/helpers.js';
import { exec, withTenant } from '../db/tenant.js';
import { createHub, type Hub } from '../hub.js';
import { createLogger } from '../logging.js';
import { getWorkflowRun, startWorkflow, type WorkflowRun } from './workflows.js';

let hub: Hub;
let a: string;
let b: string;
/** Executions per `<runId>:<step>`, counted inside the step functions. */
const executions = new Map<string, number>();
const count = (runId: string, step: string) => executions.get(`${runId}:${step}`) ?? 0;
const failOnce = new Set<string>();

const run = (tenantId: string, runId: string) =>
  withTenant(hub.systemCtx(tenantId), (ctx) => getWorkflowRun(ctx, runId));
const start = (tenantId: string, workflow: string, input: unknown, key?: string) =>
  withTenant(hub.systemCtx(tenantId), (ctx) => startWorkflow(ctx, workflow, input, { key }));
const settled = (tenantId: string, runId: string, timeoutMs = 8000) =>
  waitFor(
    async () => {
      const r = await run(tenantId, runId);
      return r.status === 'completed' || r.status === 'failed' ? r : null;
    },
    `run ${runId} to finish`,
    timeoutMs,
  );

beforeAll(async () => {
  const config = testConfig({ WORKFLOW_LEASE_SECONDS: '2' });
  const h = await createHub(config, createLogger(config));
  hub = h;
  a = (await createTestTenant(hub)).id;
  b = (await createTestTenant(hub)).id;
  hub.workflows.define<{ n: number }, { total: number }>('test.wf.three', async (wf) => {
    const tally = (step: string) => executions.set(`${wf.runId}:${step}`, count(wf.runId, step) + 1);
    const one = await wf.step('one', async () => {
      tally('one');
      return wf.input.n + 1;
    });
    const two = await wf.step('two', async (_ctx, key) => {
      tally('two');
      return { doubled: one * 2, key };
    });
    const three = await wf.step('three', async (ctx) => {
      tally('three');
      if (failOnce.delete(wf.runId)) throw new Error('step three failed once');
      // Steps run in a tenant transaction: they see their own tenant's rows only.
      const { rows } = await exec<{ n: number }>(
        ctx.tx,
        sql`select count(*)::int as n from platform.workflow_runs where id = ${wf.runId}`,
      );
      return rows[0]!.n;
    });
    return { total: one + two.doubled + three };
  });
  expect(() => hub.workflows.define('test.wf.three', async () => null)).toThrow(/defined twice/);
  await h.startWorker();
});
afterAll(() => hub?.close());

describe('durable workflows', () => {
  it('a 3-step run completes with its steps in order and its output', async () => {
    const id = await start(a, 'test.wf.three', { n: 1 });
    const done = await settled(a, id);
    expect(done).toMatchObject({
      id,
      workflow: 'test.wf.three',
      status: 'completed',
      input: { n: 1 },
      error: null,
      attempts: 1,
    });
    expect(done.output).toEqual({ total: 2 + 4 + 1 });
    expect(done.finishedAt).not.toBeNull();
    expect(done.steps.map((s) => [s.step, s.seq])).toEqual([
      ['one', 1],
      ['two', 2],
      ['three', 3],
    ]);
    expect(done.steps[1]!.result).toEqual({ doubled: 4, key: `${id}:two` });
    expect(['one', 'two', 'three'].map((s) => count(id, s))).toEqual([1, 1, 1]);
  });

  it('starting twice with the same key yields one run and one job', async () => {
    const first = await start(a, 'test.wf.three', { n: 10 }, 'order-42');
    const second = await start(a, 'test.wf.three', { n: 99 }, 'order-42');
    expect(second).toBe(first);
    // The same key in another tenant is another run.
    const other = await start(b, 'test.wf.three', { n: 5 }, 'order-42');
    expect(other).not.toBe(first);
    const done = await settled(a, first);
    expect(done).toMatchObject({ status: 'completed', input: { n: 10 }, output: { total: 11 + 22 + 1 } });
    const { rows } = await hub.db.admin.query(
      `select count(*)::int as n from platform.workflow_runs where key = 'order-42' and tenant_id = $1`,
      [a],
    );
    expect(rows[0].n).toBe(1);
    expect(count(first, 'one')).toBe(1);
    await settled(b, other);
  });

  it('a step that throws is retried and the run completes without re-running the steps before it', async () => {
    const runId = await withTenant(hub.systemCtx(a), async (ctx) => {
      const r = await startWorkflow(ctx, 'test.wf.three', { n: 3 });
      failOnce.add(r);
      return r;
    });
    const failed = await waitFor(async () => {
      const r = await run(a, runId);
      return r.error ? r : null;
    }, 'the first attempt to fail');
    expect(failed).toMatchObject({ status: 'running', error: 'step three failed once', attempts: 1 });
    expect(failed.steps.map((s) => s.step)).toEqual(['one', 'two']);
    // graphile-worker backs off exp(1) s before the retry; bring it forward to keep the test short.
    // The run records the error before graphile-worker unlocks the job and records it there.
    const job = await waitFor(async () => {
      const { rows } = await hub.db.admin.query(
        'select id::text, last_error, run_at from graphile_worker._private_jobs where key = $1 and locked_at is null',
        [`${a}:wf:${runId}`],
      );
      return rows[0]?.last_error ? rows[0] : null;
    }, 'the job failure to be recorded');
    expect(job.last_error).toBe('step three failed once');
    expect(new Date(job.run_at).getTime()).toBeGreaterThan(Date.now() + 1000);
    await hub.db.admin.query('select graphile_worker.reschedule_jobs(array[$1::bigint], run_at := now())', [
      job.id,
    ]);

    const done: WorkflowRun = await settled(a, runId);
    expect(done).toMatchObject({
      status: 'completed',
      error: null,
      attempts: 2,
      output: { total: 4 + 8 + 1 },
    });
    expect(done.steps.map((s) => s.step)).toEqual(['one', 'two', 'three']);
    expect(['one', 'two', 'three'].map((s) => count(runId, s))).toEqual([1, 1, 2]);
  });

  it("a tenant cannot read another tenant's run", async () => {
    const id = await start(a, 'test.wf.three', { n: 0 });
    await expect(run(b, id)).rejects.toMatchObject({ code: 'PLATFORM.WORKFLOW_RUN_NOT_FOUND', status: 404 });
    await expect(run(a, id)).resolves.toMatchObject({ id });
  });

  it('a run of a workflow this process does not know is left unclaimed for a process that does', async () => {
    const id = await start(a, 'test.wf.unknown', {});
    const job = await waitFor(async () => {
      const { rows } = await hub.db.admin.query(
        'select attempts, last_error from graphile_worker._private_jobs where key = $1',
        [`${a}:wf:${id}`],
      );
      return rows[0]?.last_error ? rows[0] : null;
    }, 'the job to fail');
    expect(job.last_error).toMatch(/test\.wf\.unknown is not defined/);
    const r = await run(a, id);
    expect(r).toMatchObject({ status: 'pending', attempts: 0 });
    const { rows } = await hub.db.admin.query(
      'select lease_owner from platform.workflow_runs where id = $1',
      [id],
    );
    expect(rows[0].lease_owner).toBeNull();
  });
});
