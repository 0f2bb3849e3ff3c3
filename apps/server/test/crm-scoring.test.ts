import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTenant } from '../src/platform/db/tenant.js';
import { emitEvent } from '../src/platform/events.js';
import { uuidv7 } from '../src/platform/ids.js';
import {
  bearer,
  createVerifiedUser,
  expectProblem,
  inject,
  passwordGrant,
  type TestUser,
} from './auth-helpers.js';
import { buildTestApp } from './helpers.js';

type User = TestUser & { token: string };
type Reason = { kind: string; label: string; points: number };
type Score = { leadId: string; score: number; reasons: Reason[]; usedModel: boolean };
type Model = {
  trained: boolean;
  closedLeads: number;
  model: null | {
    samples: number;
    metrics: Record<string, number>;
    weights: { feature: string; weight: number }[];
  };
};

let app: FastifyInstance;
const user = async (): Promise<User> => {
  const u = await createVerifiedUser(app);
  return { ...u, token: (await passwordGrant(app, u.email, u.password)).access_token };
};
const api = (u: User, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: unknown) =>
  inject(app, { method, url: `/api/brain/crm${url}`, headers: bearer(u.token), payload: payload as object });
const q = async <T>(sql: string, params: unknown[] = []) =>
  (await app.hub.db.admin.query(sql, params)).rows as T[];
const score = async (u: User, leadId: string) => {
  const res = await api(u, 'POST', `/scoring/leads/${leadId}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Score;
};

/** Inserts a lead directly (the leads slice owns the HTTP API; this keeps the fixtures fast). */
async function insertLead(
  t: string,
  o: { jobTitle?: string; source?: string; status?: string; company?: string } = {},
) {
  const id = uuidv7();
  await q(
    `insert into crm.leads (tenant_id, id, first_name, email, job_title, source, status, company_name)
     values ($1, $2, 'L', $3, $4, $5, $6, $7)`,
    [
      t,
      id,
      `${randomUUID()}@lead.example`,
      o.jobTitle ?? null,
      o.source ?? null,
      o.status ?? 'new',
      o.company ?? null,
    ],
  );
  return id;
}
const addActivity = (t: string, leadId: string, type: string, daysAgo = 0) =>
  q(
    `insert into crm.activities (tenant_id, id, type, lead_id, occurred_at) values ($1, $2, $3, $4, now() - make_interval(days => $5))`,
    [t, uuidv7(), type, leadId, daysAgo],
  );

/** A deterministic generator, so the history is the same on every run. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Directors and webinar leads convert far more often; everything else rarely. */
async function history(t: string, n: number) {
  const r = rng(42);
  const values: unknown[] = [];
  const rows: string[] = [];
  for (let i = 0; i < n; i++) {
    const director = r() < 0.4;
    const webinar = r() < 0.4;
    const p = director && webinar ? 0.9 : director ? 0.65 : webinar ? 0.45 : 0.05;
    const status = r() < p ? 'converted' : 'unqualified';
    const title = director ? 'Director of Marketing' : r() < 0.5 ? 'Analyst' : 'Student';
    const k = values.length;
    rows.push(`($${k + 1}::uuid, $${k + 2}::uuid, 'H', $${k + 3}, $${k + 4}, $${k + 5})`);
    values.push(t, uuidv7(), title, webinar ? 'webinar' : 'ads', status);
  }
  await q(
    `insert into crm.leads (tenant_id, id, first_name, job_title, source, status) values ${rows.join(', ')}`,
    values,
  );
}

beforeAll(async () => {
  app = await buildTestApp({ RUN_WORKER: 'true' });
});
afterAll(async () => {
  await app?.close();
});

describe('scoring rules', () => {
  it('are validated, kept per tenant, and give the expected score and reasons', async () => {
    const a = await user();
    const b = await user();
    const bad = async (body: Record<string, unknown>, field: string) => {
      const p = expectProblem(await api(a, 'POST', '/scoring/rules', body), 400, 'HTTP.VALIDATION_FAILED');
      expect(p.errors?.map((e) => e.field)).toContain(field);
    };
    await bad(
      { kind: 'fit', label: 'x', condition: { field: 'job_title', op: 'contains' }, points: 5 },
      'body.condition.value',
    );
    await bad(
      { kind: 'fit', label: 'x', condition: { field: 'salary', op: 'present' }, points: 5 },
      'body.condition.field',
    );
    await bad(
      { kind: 'fit', label: 'x', condition: { field: 'email', op: 'present' }, points: 500 },
      'body.points',
    );
    await bad(
      { kind: 'engagement', label: 'x', condition: { metric: 'activities' }, points: 5 },
      'body.condition.days',
    );

    const rules = [
      {
        kind: 'fit',
        label: 'Director',
        condition: { field: 'job_title', op: 'contains', value: 'director' },
        points: 20,
      },
      { kind: 'fit', label: 'Company given', condition: { field: 'company_name', op: 'present' }, points: 5 },
      {
        kind: 'fit',
        label: 'From the webinar',
        condition: { field: 'source', op: 'equals', value: 'Webinar' },
        points: 10,
      },
      {
        kind: 'fit',
        label: 'Student',
        condition: { field: 'job_title', op: 'contains', value: 'student' },
        points: -30,
      },
      {
        kind: 'engagement',
        label: 'Two calls this week',
        condition: { metric: 'activities', activityType: 'call', days: 7, min: 2 },
        points: 30,
      },
      {
        kind: 'engagement',
        label: 'Filled a form',
        condition: { metric: 'form_submissions', days: 30 },
        points: 15,
      },
    ];
    for (const r of rules) expect((await api(a, 'POST', '/scoring/rules', r)).statusCode).toBe(201);
    expect((await api(a, 'GET', '/scoring/rules')).json().items).toHaveLength(6);
    expect((await api(b, 'GET', '/scoring/rules')).json().items).toEqual([]);

    const lead = await insertLead(a.tenantId, {
      jobTitle: 'Sales Director',
      company: 'Acme',
      source: 'webinar',
    });
    let s = await score(a, lead);
    expect(s.score).toBe(35);
    expect(s.usedModel).toBe(false);
    expect(s.reasons.map((r) => `${r.label}:${r.points}`).sort()).toEqual([
      'Company given:5',
      'Director:20',
      'From the webinar:10',
    ]);

    await addActivity(a.tenantId, lead, 'call', 1);
    expect((await score(a, lead)).score).toBe(35);
    await addActivity(a.tenantId, lead, 'call', 10); // outside the 7-day window
    expect((await score(a, lead)).score).toBe(35);
    await addActivity(a.tenantId, lead, 'call', 2);
    s = await score(a, lead);
    expect(s.score).toBe(65);
    expect(s.reasons.map((r) => r.label)).toContain('Two calls this week');
    const [stored] = await q<{ score: number; score_reasons: Reason[] }>(
      'select score, score_reasons from crm.leads where id = $1',
      [lead],
    );
    expect(stored).toEqual({ score: 65, score_reasons: s.reasons });

    const student = await insertLead(a.tenantId, { jobTitle: 'Student' });
    expect(await score(a, student)).toMatchObject({ score: 0, reasons: [{ label: 'Student', points: -30 }] });
    expectProblem(await api(b, 'POST', `/scoring/leads/${lead}`), 404, 'CRM.LEAD_NOT_FOUND');

    const ruleId = (await api(a, 'GET', '/scoring/rules')).json().items[0].id as string;
    expect((await api(a, 'PUT', `/scoring/rules/${ruleId}`, { ...rules[0], points: 40 })).json().points).toBe(
      40,
    );
    expect((await score(a, lead)).score).toBe(85);
    expectProblem(await api(b, 'DELETE', `/scoring/rules/${ruleId}`), 404, 'CRM.SCORING_RULE_NOT_FOUND');
    expect((await api(a, 'DELETE', `/scoring/rules/${ruleId}`)).statusCode).toBe(204);
    expect((await score(a, lead)).score).toBe(45);
  });

  it('rescore leads in jobs: after rule changes and on lead and activity events', async () => {
    const a = await user();
    const lead = await insertLead(a.tenantId, { jobTitle: 'Director' });
    await api(a, 'POST', '/scoring/rules', {
      kind: 'fit',
      label: 'Director',
      condition: { field: 'job_title', op: 'contains', value: 'director' },
      points: 20,
    });
    const until = async (want: number) => {
      for (let i = 0; i < 150; i++) {
        const [row] = await q<{ score: number | null }>('select score from crm.leads where id = $1', [lead]);
        if (row?.score === want) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`score never became ${want}`);
    };
    await until(20);
    await api(a, 'POST', '/scoring/rules', {
      kind: 'fit',
      label: 'No phone yet',
      condition: { field: 'phone', op: 'absent' },
      points: 25,
    });
    await until(45);
    // An activity change reaches the lead through crm.activity.* (the activity names its lead);
    // the rule goes in without the API, so only the event can trigger the rescore.
    await q(
      `insert into crm.scoring_rules (tenant_id, id, kind, label, condition, points)
       values ($1, $2, 'engagement', 'Met', '{"metric":"activities","activityType":"meeting","days":30,"min":1}', 50)`,
      [a.tenantId, uuidv7()],
    );
    const act = uuidv7();
    await q(`insert into crm.activities (tenant_id, id, type, lead_id) values ($1, $2, 'meeting', $3)`, [
      a.tenantId,
      act,
      lead,
    ]);
    await withTenant(app.hub.systemCtx(a.tenantId), (ctx) =>
      emitEvent(ctx, 'crm.activity.created', {}, { type: 'activity', id: act }),
    );
    await until(95);
    await q("update crm.leads set job_title = 'Analyst' where id = $1", [lead]);
    await withTenant(app.hub.systemCtx(a.tenantId), (ctx) =>
      emitEvent(ctx, 'crm.lead.updated', {}, { type: 'lead', id: lead }),
    );
    await until(75);
  });
});

describe('learned model', () => {
  it('is not used below 50 closed leads', async () => {
    const a = await user();
    await history(a.tenantId, 49);
    await insertLead(a.tenantId); // open leads do not count
    const res = (await api(a, 'POST', '/scoring/retrain')).json() as Model;
    expect(res).toMatchObject({ trained: false, closedLeads: 49, model: null });
    expect((await api(a, 'GET', '/scoring/model')).json()).toMatchObject({ closedLeads: 49, model: null });
    const lead = await insertLead(a.tenantId, { jobTitle: 'Director', source: 'webinar' });
    expect(await score(a, lead)).toMatchObject({ usedModel: false, score: 0, reasons: [] });
  });

  it('learns what converts from generated history: weights, AUC and the order of new leads', async () => {
    const a = await user();
    await history(a.tenantId, 400);
    const res = (await api(a, 'POST', '/scoring/retrain')).json() as Model;
    expect(res.trained).toBe(true);
    expect(res.model?.samples).toBe(400);
    const w = Object.fromEntries(res.model!.weights.map((x) => [x.feature, x.weight]));
    expect(w.title_director).toBeGreaterThan(0.5);
    expect(w['source=webinar']).toBeGreaterThan(0.3);
    expect(w.title_director).toBeGreaterThan(Math.abs(w.has_phone ?? 0));
    expect(res.model!.metrics.auc).toBeGreaterThan(0.75);
    expect(res.model!.metrics.trainAuc).toBeGreaterThan(0.75);

    const both = await score(a, await insertLead(a.tenantId, { jobTitle: 'Director', source: 'webinar' }));
    const director = await score(a, await insertLead(a.tenantId, { jobTitle: 'Director', source: 'ads' }));
    const neither = await score(a, await insertLead(a.tenantId, { jobTitle: 'Analyst', source: 'ads' }));
    expect(both.usedModel).toBe(true);
    expect(both.score).toBeGreaterThan(director.score);
    expect(director.score).toBeGreaterThan(neither.score);
    expect(both.score).toBeGreaterThan(60);
    expect(neither.score).toBeLessThan(20);
    expect(both.reasons[0]).toMatchObject({ kind: 'model' });
    expect(both.reasons.map((r) => r.label)).toEqual(
      expect.arrayContaining(['Job title: director (learned)', 'Source: webinar (learned)']),
    );

    // Blended with rules: half each.
    await api(a, 'POST', '/scoring/rules', {
      kind: 'fit',
      label: 'Any director',
      condition: { field: 'job_title', op: 'contains', value: 'director' },
      points: 100,
    });
    const blended = await score(a, both.leadId);
    expect(blended.score).toBe(Math.round(50 + both.score / 2));
    expect(blended.reasons).toContainEqual({ kind: 'fit', label: 'Any director', points: 50 });
  });
});
