import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type Model, type Reason, type scoringFixtures, scoringHub } from './crm-scoring-fixtures.js';

let app: FastifyInstance, fx: ReturnType<typeof scoringFixtures>;
beforeAll(async () => {
  ({ app, fx } = await scoringHub());
});
afterAll(() => app?.close());

describe('scoring rules', () => {
  it('are validated, kept per tenant, and give the expected score and reasons', async () => {
    const a = await fx.user();
    const b = await fx.user();
    const bad = async (body: Record<string, unknown>, field: string) => {
      const p = expectProblem(await fx.api(a, 'POST', '/scoring/rules', body), 400, 'HTTP.VALIDATION_FAILED');
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
    for (const r of rules) expect((await fx.api(a, 'POST', '/scoring/rules', r)).statusCode).toBe(201);
    expect((await fx.api(a, 'GET', '/scoring/rules')).json().items).toHaveLength(6);
    expect((await fx.api(b, 'GET', '/scoring/rules')).json().items).toEqual([]);

    const lead = await fx.insertLead(a.tenantId, {
      jobTitle: 'Sales Director',
      company: 'Acme',
      source: 'webinar',
    });
    let s = await fx.score(a, lead);
    expect(s.score).toBe(35);
    expect(s.usedModel).toBe(false);
    expect(s.reasons.map((r) => `${r.label}:${r.points}`).sort()).toEqual([
      'Company given:5',
      'Director:20',
      'From the webinar:10',
    ]);

    await fx.addActivity(a.tenantId, lead, 'call', 1);
    expect((await fx.score(a, lead)).score).toBe(35);
    await fx.addActivity(a.tenantId, lead, 'call', 10); // outside the 7-day window
    expect((await fx.score(a, lead)).score).toBe(35);
    await fx.addActivity(a.tenantId, lead, 'call', 2);
    s = await fx.score(a, lead);
    expect(s.score).toBe(65);
    expect(s.reasons.map((r) => r.label)).toContain('Two calls this week');
    const [stored] = await fx.q<{ score: number; score_reasons: Reason[] }>(
      'select score, score_reasons from crm.leads where id = $1',
      [lead],
    );
    expect(stored).toEqual({ score: 65, score_reasons: s.reasons });

    const student = await fx.insertLead(a.tenantId, { jobTitle: 'Student' });
    expect(await fx.score(a, student)).toMatchObject({
      score: 0,
      reasons: [{ label: 'Student', points: -30 }],
    });
    expectProblem(await fx.api(b, 'POST', `/scoring/leads/${lead}`), 404, 'CRM.LEAD_NOT_FOUND');

    const ruleId = (await fx.api(a, 'GET', '/scoring/rules')).json().items[0].id as string;
    expect(
      (await fx.api(a, 'PUT', `/scoring/rules/${ruleId}`, { ...rules[0], points: 40 })).json().points,
    ).toBe(40);
    expect((await fx.score(a, lead)).score).toBe(85);
    expectProblem(await fx.api(b, 'DELETE', `/scoring/rules/${ruleId}`), 404, 'CRM.SCORING_RULE_NOT_FOUND');
    expect((await fx.api(a, 'DELETE', `/scoring/rules/${ruleId}`)).statusCode).toBe(204);
    expect((await fx.score(a, lead)).score).toBe(45);
  });
});

describe('learned model', () => {
  it('is not used below 50 closed leads', async () => {
    const a = await fx.user();
    await fx.history(a.tenantId, 49);
    await fx.insertLead(a.tenantId); // open leads do not count
    const res = (await fx.api(a, 'POST', '/scoring/retrain')).json() as Model;
    expect(res).toMatchObject({ trained: false, closedLeads: 49, model: null });
    expect((await fx.api(a, 'GET', '/scoring/model')).json()).toMatchObject({ closedLeads: 49, model: null });
    const lead = await fx.insertLead(a.tenantId, { jobTitle: 'Director', source: 'webinar' });
    expect(await fx.score(a, lead)).toMatchObject({ usedModel: false, score: 0, reasons: [] });
  });

  it('learns what converts from generated history: weights, AUC and the order of new leads', async () => {
    const a = await fx.user();
    await fx.history(a.tenantId, 400);
    const res = (await fx.api(a, 'POST', '/scoring/retrain')).json() as Model;
    expect(res.trained).toBe(true);
    expect(res.model?.samples).toBe(400);
    const w = Object.fromEntries(res.model!.weights.map((x) => [x.feature, x.weight]));
    expect(w.title_director).toBeGreaterThan(0.5);
    expect(w['source=webinar']).toBeGreaterThan(0.3);
    expect(w.title_director).toBeGreaterThan(Math.abs(w.has_phone ?? 0));
    expect(res.model!.metrics.auc).toBeGreaterThan(0.75);
    expect(res.model!.metrics.trainAuc).toBeGreaterThan(0.75);

    const both = await fx.score(
      a,
      await fx.insertLead(a.tenantId, { jobTitle: 'Director', source: 'webinar' }),
    );
    const director = await fx.score(
      a,
      await fx.insertLead(a.tenantId, { jobTitle: 'Director', source: 'ads' }),
    );
    const neither = await fx.score(
      a,
      await fx.insertLead(a.tenantId, { jobTitle: 'Analyst', source: 'ads' }),
    );
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
    await fx.api(a, 'POST', '/scoring/rules', {
      kind: 'fit',
      label: 'Any director',
      condition: { field: 'job_title', op: 'contains', value: 'director' },
      points: 100,
    });
    const blended = await fx.score(a, both.leadId);
    expect(blended.score).toBe(Math.round(50 + both.score / 2));
    expect(blended.reasons).toContainEqual({ kind: 'fit', label: 'Any director', points: 50 });
  });
});
