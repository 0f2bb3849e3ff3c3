import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/platform/db/tenant.js';
import { addJob } from '../src/platform/jobs/jobs.js';
import { startWorkflow } from '../src/platform/workflows/workflows.js';
import {
  bearer,
  createOperator,
  createVerifiedUser,
  expectProblem,
  inject,
  passwordGrant,
  type TestUser,
} from './auth-helpers.js';
import { buildTestApp } from './helpers.js';

let app: FastifyInstance;
let a: TestUser;
let b: TestUser;
let tokenA: string;
let tokenB: string;
let operatorToken: string;
const runsOfA: string[] = [];

beforeAll(async () => {
  app = await buildTestApp();
  [a, b] = [await createVerifiedUser(app), await createVerifiedUser(app)];
  tokenA = (await passwordGrant(app, a.email, a.password)).access_token;
  tokenB = (await passwordGrant(app, b.email, b.password)).access_token;
  operatorToken = (await createOperator(app)).token;
  await withTenant(app.hub.systemCtx(a.tenantId), async (ctx) => {
    for (let i = 0; i < 3; i++) runsOfA.push(await startWorkflow(ctx, 'test.report', { i }));
  });
  await withTenant(app.hub.systemCtx(b.tenantId), (ctx) => startWorkflow(ctx, 'test.report', { i: 'b' }));
});
afterAll(() => app.close());

describe('workflow runs of a tenant', () => {
  it('lists only the tenant’s own runs, newest first, with a cursor', async () => {
    const res = await inject(app, {
      url: '/api/brain/platform/workflows/runs?limit=2',
      headers: bearer(tokenA),
    });
    expect(res.statusCode).toBe(200);
    const page = res.json();
    expect(page.items.map((r: { id: string }) => r.id)).toEqual([runsOfA[2], runsOfA[1]]);
    expect(page.items[0]).toMatchObject({ workflow: 'test.report', status: 'pending', steps: 0 });
    const next = await inject(app, {
      url: `/api/brain/platform/workflows/runs?limit=2&before=${page.nextCursor}`,
      headers: bearer(tokenA),
    });
    expect(next.json().items.map((r: { id: string }) => r.id)).toEqual([runsOfA[0]]);
    const ofB = await inject(app, { url: '/api/brain/platform/workflows/runs', headers: bearer(tokenB) });
    expect(ofB.json().items).toHaveLength(1);
    expect(ofB.json().items.map((r: { id: string }) => r.id)).not.toContain(runsOfA[0]);
  });

  it('shows one run, and tenant B gets 404 for it', async () => {
    const mine = await inject(app, {
      url: `/api/brain/platform/workflows/runs/${runsOfA[0]}`,
      headers: bearer(tokenA),
    });
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({ id: runsOfA[0], input: { i: 0 }, steps: [] });
    const theirs = await inject(app, {
      url: `/api/brain/platform/workflows/runs/${runsOfA[0]}`,
      headers: bearer(tokenB),
    });
    expectProblem(theirs, 404, 'PLATFORM.WORKFLOW_RUN_NOT_FOUND');
  });

  it('validates the query and params', async () => {
    const bad = await inject(app, {
      url: '/api/brain/platform/workflows/runs?status=sleeping&limit=0',
      headers: bearer(tokenA),
    });
    const p = expectProblem(bad, 400, 'HTTP.VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['querystring.status', 'querystring.limit']),
    );
    expectProblem(
      await inject(app, { url: '/api/brain/platform/workflows/runs/42', headers: bearer(tokenA) }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
  });
});

describe('operators: jobs and mail', () => {
  it('refuses non-operators', async () => {
    expectProblem(
      await inject(app, { url: '/api/brain/platform/jobs', headers: bearer(tokenA) }),
      403,
      'AUTH.OPERATOR_ONLY',
    );
    expectProblem(
      await inject(app, { url: '/api/brain/platform/mail', headers: bearer(tokenA) }),
      403,
      'AUTH.OPERATOR_ONLY',
    );
    expectProblem(
      await inject(app, { method: 'POST', url: '/api/brain/platform/jobs/1/retry', headers: bearer(tokenA) }),
      403,
      'AUTH.OPERATOR_ONLY',
    );
  });

  it('lists, retries and cancels jobs', async () => {
    const id = await withTenant(app.hub.systemCtx(a.tenantId), (ctx) =>
      addJob(ctx, 'test.never-runs', { n: 1 }, { maxAttempts: 1 }),
    );
    // Exhaust it by hand: the hub under test runs no worker.
    await app.hub.db.admin.query(
      `update graphile_worker._private_jobs set attempts = 1, last_error = 'boom' where id = $1`,
      [id],
    );
    const failed = await inject(app, {
      url: '/api/brain/platform/jobs?state=failed&task=test.never-runs',
      headers: bearer(operatorToken),
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().items).toContainEqual(
      expect.objectContaining({ id, state: 'failed', lastError: 'boom', tenantId: a.tenantId }),
    );

    const retried = await inject(app, {
      method: 'POST',
      url: `/api/brain/platform/jobs/${id}/retry`,
      headers: bearer(operatorToken),
    });
    expect(retried.statusCode).toBe(200);
    const after = await inject(app, {
      url: '/api/brain/platform/jobs?task=test.never-runs',
      headers: bearer(operatorToken),
    });
    expect(after.json().items.find((j: { id: string }) => j.id === id)).toMatchObject({
      state: 'queued',
      attempts: 0,
    });

    const cancelled = await inject(app, {
      method: 'DELETE',
      url: `/api/brain/platform/jobs/${id}`,
      headers: bearer(operatorToken),
    });
    expect(cancelled.statusCode).toBe(200);
    expectProblem(
      await inject(app, {
        method: 'DELETE',
        url: `/api/brain/platform/jobs/${id}`,
        headers: bearer(operatorToken),
      }),
      404,
      'PLATFORM.JOB_NOT_FOUND',
    );
    expectProblem(
      await inject(app, {
        method: 'POST',
        url: '/api/brain/platform/jobs/abc/retry',
        headers: bearer(operatorToken),
      }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
  });

  it('shows the mail outbox', async () => {
    await app.hub.db.admin.query(
      `insert into platform.mail_outbox (id, to_address, from_address, subject, text_body, transport) values (gen_random_uuid(), $1, 'x@y.z', 'Hello', 'Body', 'outbox')`,
      [a.email],
    );
    const res = await inject(app, {
      url: `/api/brain/platform/mail?to=${encodeURIComponent(a.email)}`,
      headers: bearer(operatorToken),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items).toContainEqual(
      expect.objectContaining({ to: a.email, subject: 'Hello', transport: 'outbox' }),
    );
  });
});
