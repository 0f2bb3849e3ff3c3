import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type CrmUser, crmTenants, crmUser, expectBadField, json } from './crm-deals-fixtures.js';

type Stage = { id: string; name: string; position: number; probability: number; kind: string };
type Pipeline = { id: string; name: string; isDefault: boolean; stages: Stage[] };

let app: FastifyInstance;
let a: CrmUser;
let pipeline: Pipeline;
beforeAll(async () => {
  ({ app, a } = await crmTenants());
  pipeline = json<{ items: Pipeline[] }>(await api(app, a, 'GET', '/pipelines'), 200).items[0]!;
});
afterAll(() => app?.close());

const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;
describe('pipelines', () => {
  it('creates the default pipeline once with the standard stages', async () => {
    expect(pipeline.isDefault).toBe(true);
    expect(pipeline.stages.map((s) => `${s.name}:${s.probability}:${s.kind}`)).toEqual([
      'Lead:10:open',
      'Qualified:25:open',
      'Proposal:50:open',
      'Negotiation:75:open',
      'Won:100:won',
      'Lost:0:lost',
    ]);
    const again = json<{ items: Pipeline[] }>(await api(app, a, 'GET', '/pipelines'), 200);
    expect(again.items.filter((p) => p.isDefault)).toHaveLength(1);
  });

  it('first use from several requests at once still makes one default pipeline', async () => {
    const fresh = await crmUser(app);
    const answers = await Promise.all([
      api(app, fresh, 'GET', '/pipelines'),
      api(app, fresh, 'POST', '/deals', { name: 'One' }),
      api(app, fresh, 'POST', '/deals', { name: 'Two' }),
    ]);
    expect(answers.map((r) => r.statusCode)).toEqual([200, 201, 201]);
    const { rows } = await app.hub.db.admin.query(
      'select count(*)::int as n, count(distinct s.id)::int as stages from crm.pipelines p join crm.stages s on s.pipeline_id = p.id where p.tenant_id = $1',
      [fresh.tenantId],
    );
    expect(rows[0]).toEqual({ n: 6, stages: 6 });
  });

  it('creates, changes, reorders and deletes pipelines and stages', async () => {
    const p = json<Pipeline>(
      await api(app, a, 'POST', '/pipelines', {
        name: 'Partners',
        stages: [{ name: 'Intro' }, { name: 'Signed', kind: 'won', probability: 100 }],
      }),
      201,
    );
    expect(p.stages.map((s) => s.name)).toEqual(['Intro', 'Signed']);
    const added = json<Pipeline>(
      await api(app, a, 'POST', `/pipelines/${p.id}/stages`, { name: 'Pitch', probability: 40, position: 1 }),
      201,
    );
    expect(added.stages.map((s) => s.name)).toEqual(['Intro', 'Pitch', 'Signed']);
    const pitch = added.stages[1]!;
    const renamed = json<Pipeline>(
      await api(app, a, 'PATCH', `/pipelines/${p.id}/stages/${pitch.id}`, { name: 'Demo' }),
      200,
    );
    expect(renamed.stages[1]).toMatchObject({ name: 'Demo', probability: 40 });
    const order = [added.stages[2]!.id, added.stages[0]!.id, pitch.id];
    const reordered = json<Pipeline>(
      await api(app, a, 'PUT', `/pipelines/${p.id}/stages/order`, { stageIds: order }),
      200,
    );
    expect(reordered.stages.map((s) => s.id)).toEqual(order);
    expect(reordered.stages.map((s) => s.position)).toEqual([0, 1, 2]);
    expectBadField(
      await api(app, a, 'PUT', `/pipelines/${p.id}/stages/order`, { stageIds: order.slice(1) }),
      'body.stageIds',
    );
    const afterDelete = json<Pipeline>(
      await api(app, a, 'DELETE', `/pipelines/${p.id}/stages/${pitch.id}`),
      200,
    );
    expect(afterDelete.stages.map((s) => s.position)).toEqual([0, 1]);
    expect(
      json<Pipeline>(await api(app, a, 'PATCH', `/pipelines/${p.id}`, { name: 'Resellers' }), 200).name,
    ).toBe('Resellers');
    json(await api(app, a, 'DELETE', `/pipelines/${p.id}`), 200);
    expect((await api(app, a, 'GET', `/pipelines/${p.id}`)).statusCode).toBe(404);
    expect((await api(app, a, 'DELETE', `/pipelines/${pipeline.id}`)).statusCode).toBe(409);
  });

  it('rejects bad input naming the field', async () => {
    expectBadField(await api(app, a, 'POST', '/pipelines', { name: '' }), 'body.name');
    expectBadField(
      await api(app, a, 'POST', `/pipelines/${pipeline.id}/stages`, { name: 'x', probability: 101 }),
      'body.probability',
    );
    expectBadField(
      await api(app, a, 'PATCH', `/pipelines/${pipeline.id}/stages/${stage('Lead').id}`, { kind: 'maybe' }),
      'body.kind',
    );
    expectBadField(await api(app, a, 'GET', '/pipelines/not-a-uuid'), 'params.id');
  });

  it('shows a pipeline as a board: per stage count, amount and the first deals in order', async () => {
    const p = json<Pipeline>(
      await api(app, a, 'POST', '/pipelines', { name: 'Board', stages: [{ name: 'A' }, { name: 'B' }] }),
      201,
    );
    const [sa, sb] = p.stages;
    const mk = async (name: string, amount: number) =>
      json<{ id: string }>(await api(app, a, 'POST', '/deals', { name, amount, pipelineId: p.id }), 201).id;
    const d1 = await mk('one', 100);
    await mk('two', 200); // third in A: counted, beyond perStage
    const d3 = await mk('three', 300);
    json(await api(app, a, 'PATCH', `/deals/${d3}/move`, { stageId: sa!.id, beforeId: d1 }), 200);
    const d4 = await mk('four', 50);
    json(await api(app, a, 'PATCH', `/deals/${d4}/move`, { stageId: sb!.id }), 200);
    type Board = {
      columns: { stage: { id: string }; count: number; amount: number; deals: { id: string }[] }[];
    };
    const board = json<Board>(await api(app, a, 'GET', `/pipelines/${p.id}/board?perStage=2`), 200);
    expect(board.columns.map((c) => [c.stage.id, c.count, c.amount, c.deals.map((d) => d.id)])).toEqual([
      [sa!.id, 3, 600, [d3, d1]],
      [sb!.id, 1, 50, [d4]],
    ]);
    expectBadField(await api(app, a, 'GET', `/pipelines/${p.id}/board?perStage=0`), 'querystring.perStage');
    const other = await crmUser(app);
    expect((await api(app, other, 'GET', `/pipelines/${p.id}/board`)).statusCode).toBe(404);
  });
});
