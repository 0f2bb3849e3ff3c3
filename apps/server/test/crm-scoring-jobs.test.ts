import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NIGHTLY_RETRAIN_TASK } from '../src/modules/crm/scoring/scoring.jobs.js';
import { withTenant } from '../src/platform/db/tenant.js';
import { emitEvent } from '../src/platform/events.js';
import { uuidv7 } from '../src/platform/ids.js';
import { type scoringFixtures, scoringHub } from './crm-scoring-fixtures.js';

let app: FastifyInstance, fx: ReturnType<typeof scoringFixtures>;
beforeAll(async () => {
  ({ app, fx } = await scoringHub());
});
afterAll(() => app?.close());

/** Waits until the lead's stored score is `want` (set by a job). */
async function until(lead: string, want: number) {
  for (let i = 0; i < 150; i++) {
    const [row] = await fx.q<{ score: number | null }>('select score from crm.leads where id = $1', [lead]);
    if (row?.score === want) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`score never became ${want}`);
}

describe('scoring jobs', () => {
  it('rescore leads in jobs: after rule changes and on lead and activity events', async () => {
    const a = await fx.user();
    const lead = await fx.insertLead(a.tenantId, { jobTitle: 'Director' });
    await fx.api(a, 'POST', '/scoring/rules', {
      kind: 'fit',
      label: 'Director',
      condition: { field: 'job_title', op: 'contains', value: 'director' },
      points: 20,
    });
    await until(lead, 20);
    await fx.api(a, 'POST', '/scoring/rules', {
      kind: 'fit',
      label: 'No phone yet',
      condition: { field: 'phone', op: 'absent' },
      points: 25,
    });
    await until(lead, 45);
    // An activity change reaches the lead through crm.activity.* (the activity names its lead);
    // the rule goes in without the API, so only the event can trigger the rescore.
    await fx.q(
      `insert into crm.scoring_rules (tenant_id, id, kind, label, condition, points)
       values ($1, $2, 'engagement', 'Met', '{"metric":"activities","activityType":"meeting","days":30,"min":1}', 50)`,
      [a.tenantId, uuidv7()],
    );
    const act = uuidv7();
    await fx.q(`insert into crm.activities (tenant_id, id, type, lead_id) values ($1, $2, 'meeting', $3)`, [
      a.tenantId,
      act,
      lead,
    ]);
    await withTenant(app.hub.systemCtx(a.tenantId), (ctx) =>
      emitEvent(ctx, 'crm.activity.created', {}, { type: 'activity', id: act }),
    );
    await until(lead, 95);
    await fx.q("update crm.leads set job_title = 'Analyst' where id = $1", [lead]);
    await withTenant(app.hub.systemCtx(a.tenantId), (ctx) =>
      emitEvent(ctx, 'crm.lead.updated', {}, { type: 'lead', id: lead }),
    );
    await until(lead, 75);
  });

  it('the nightly task retrains tenants with enough closed leads and rescores their leads', async () => {
    const a = await fx.user();
    const few = await fx.user();
    await fx.history(a.tenantId, 120);
    await fx.history(few.tenantId, 10);
    const lead = await fx.insertLead(a.tenantId, { jobTitle: 'Director', source: 'webinar' });
    const nightly = app.hub.tasks.tasks.get(NIGHTLY_RETRAIN_TASK)!;
    await nightly(app.hub.systemCtx(null, 'cron') as never, {} as never, {
      id: '0',
      attempts: 1,
      maxAttempts: 1,
    });
    for (let i = 0; i < 150; i++) {
      const [row] = await fx.q<{ score: number | null }>('select score from crm.leads where id = $1', [lead]);
      if (row?.score != null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const models = await fx.q<{ tenant_id: string; samples: number }>(
      'select tenant_id, samples from crm.scoring_models where tenant_id = any($1)',
      [[a.tenantId, few.tenantId]],
    );
    expect(models).toEqual([{ tenant_id: a.tenantId, samples: 120 }]);
    const [row] = await fx.q<{ score: number; score_reasons: { kind: string }[] }>(
      'select score, score_reasons from crm.leads where id = $1',
      [lead],
    );
    expect(row!.score).toBeGreaterThan(50);
    expect(row!.score_reasons.some((r) => r.kind === 'model')).toBe(true);
    expect(app.hub.tasks.crons.map((c) => c.task)).toContain(NIGHTLY_RETRAIN_TASK);
  });
});
