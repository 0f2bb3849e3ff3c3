import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../../test/fixtures/wait.js';
import { createEffectsTableSql, EFFECTS_TABLE, FIVE_STEPS } from '../../../test/fixtures/workflow-effects.js';
import { buildTestHub, createTestTenant, databaseUrl, redisUrl } from '../../../test/helpers.js';
import { exec, withTenant } from '../db/tenant.js';
import type { Hub } from '../hub.js';
import { getWorkflowRun, startWorkflow } from './workflows.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');
const fixture = path.join(root, 'apps/server/test/fixtures/workflow-worker.ts');

let hub: Hub;
let tenant: string;
const children: ChildProcess[] = [];

/** Starts a worker process and waits for its `ready <pid>` line (the pid of the node running the script). */
async function startWorker(): Promise<{ child: ChildProcess; pid: number }> {
  // Its own process group: tsx runs the script in a child node process, and a SIGKILL must hit both.
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), [fixture], {
    cwd: root,
    detached: true,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl(),
      REDIS_URL: redisUrl() ?? '',
      DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-wf-worker-')),
      WORKFLOW_LEASE_SECONDS: '2',
      LOG_LEVEL: 'silent',
      RUN_WORKER: 'true',
      SEED_DEMO: 'false',
      STEP_MS: '400',
    },
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (d) => (out += d));
  child.stderr!.on('data', (d) => (out += d));
  const ready = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`worker exited with ${child.exitCode}: ${out}`);
      return /ready (\d+)/.exec(out);
    },
    'the worker to be ready',
    15_000,
  );
  return { child, pid: Number(ready[1]) };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

const effects = async (runId: string) =>
  withTenant(hub.systemCtx(tenant), async ({ tx }) => {
    const { rows } = await exec<{ step: string; n: number; pids: number[] }>(
      tx,
      sql`
      select step, count(*)::int as n, array_agg(distinct pid) as pids from ${sql.raw(EFFECTS_TABLE)}
      where run_id = ${runId} group by step order by step`,
    );
    return rows;
  });
const stepsDone = async (runId: string) =>
  (
    await hub.db.admin.query('select count(*)::int as n from platform.workflow_steps where run_id = $1', [
      runId,
    ])
  ).rows[0].n as number;

beforeAll(async () => {
  hub = await buildTestHub();
  await hub.db.admin.query(createEffectsTableSql);
  tenant = (await createTestTenant(hub)).id;
});
afterAll(async () => {
  for (const c of children) killGroup(c, 'SIGKILL');
  await hub?.close();
});

describe('durable workflows survive a killed worker', () => {
  it('SIGKILL a worker in the middle of a 5-step run, start a new one: the run completes and each effect happened once', async () => {
    const first = await startWorker();
    const runId = await withTenant(hub.systemCtx(tenant), (ctx) =>
      startWorkflow(ctx, FIVE_STEPS, { label: 'crash' }),
    );
    await waitFor(async () => (await stepsDone(runId)) >= 2, 'two steps to be checkpointed', 10_000, 20);
    killGroup(first.child, 'SIGKILL');
    await waitFor(() => first.child.signalCode === 'SIGKILL', 'the first worker to die');
    const killedAt = await stepsDone(runId);
    expect(killedAt).toBeLessThan(5);

    const second = await startWorker();
    const done = await waitFor(
      async () => {
        const r = await withTenant(hub.systemCtx(tenant), (ctx) => getWorkflowRun(ctx, runId));
        return r.status === 'completed' ? r : null;
      },
      'the run to complete in the second worker',
      20_000,
      100,
    );
    expect(done.steps.map((s) => s.step)).toEqual(['step-1', 'step-2', 'step-3', 'step-4', 'step-5']);
    expect(done.output).toEqual({ steps: [1, 2, 3, 4, 5] });
    expect(done.attempts).toBe(2);
    const rows = await effects(runId);
    expect(rows.map((r) => [r.step, r.n])).toEqual([1, 2, 3, 4, 5].map((i) => [`step-${i}`, 1]));
    // The steps checkpointed before the kill ran in the first process, the rest in the second
    // (the step that was running when the first one died left no trace: its transaction rolled back).
    const expected = [1, 2, 3, 4, 5].map((i) => [`step-${i}`, [i <= killedAt ? first.pid : second.pid]]);
    expect(rows.map((r) => [r.step, r.pids])).toEqual(expected);
    // No job is left behind for operators to find: not the dead worker's, not the finished one.
    const leftover = () =>
      hub.db.admin
        .query(
          `select id, key, attempts, max_attempts, locked_by from graphile_worker._private_jobs where payload->>'runId' = $1`,
          [runId],
        )
        .then((r) => r.rows);
    await waitFor(async () => (await leftover()).length === 0, 'the finished job to be removed', 3000).catch(
      () => {},
    );
    expect(await leftover()).toEqual([]);
  });
});
