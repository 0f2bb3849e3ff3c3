import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, type CrmUser, crmTenants, eventsOf, expectBadField, json } from './crm-deals-fixtures.js';

type Stage = { id: string; name: string; position: number; probability: number; kind: string };
type Pipeline = { id: string; name: string; isDefault: boolean; stages: Stage[] };
type Deal = {
  id: string;
  stageId: string;
  pipelineId: string;
  position: number;
  status: string;
  amount: number;
  closedAt: string | null;
  lostReason: string | null;
};

let app: FastifyInstance, a: CrmUser, b: CrmUser;
let pipeline: Pipeline;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants());
  pipeline = json<{ items: Pipeline[] }>(await api(app, a, 'GET', '/pipelines'), 200).items[0]!;
});
afterAll(() => app?.close());

const stage = (name: string) => pipeline.stages.find((s) => s.name === name)!;
const newDeal = async (body: Record<string, unknown> = {}) =>
  json<Deal>(await api(app, a, 'POST', '/deals', { name: 'Website', amount: 1000, ...body }), 201);

describe('deals', () => {
  it('CRUD with validation', async () => {
    const d = await newDeal({ expectedCloseDate: '2026-03-15', currency: 'EUR', tags: ['web'] });
    expect(d).toMatchObject({
      pipelineId: pipeline.id,
      stageId: stage('Lead').id,
      status: 'open',
      amount: 1000,
      currency: 'EUR',
    });
    const got = json<Deal & { expectedCloseDate: string }>(await api(app, a, 'GET', `/deals/${d.id}`), 200);
    expect(got.expectedCloseDate).toBe('2026-03-15');
    const patched = json<Deal>(
      await api(app, a, 'PATCH', `/deals/${d.id}`, { amount: 2500.5, name: 'Shop' }),
      200,
    );
    expect(patched).toMatchObject({ amount: 2500.5 });
    const list = json<{ items: Deal[] }>(
      await api(app, a, 'GET', `/deals?q=Shop&pipelineId=${pipeline.id}`),
      200,
    );
    expect(list.items.map((x) => x.id)).toContain(d.id);
    json(await api(app, a, 'DELETE', `/deals/${d.id}`), 200);
    expect((await api(app, a, 'GET', `/deals/${d.id}`)).statusCode).toBe(404);
    expect(await eventsOf(app, d.id)).toEqual(['crm.deal.created', 'crm.deal.updated', 'crm.deal.deleted']);
  });

  it('rejects bad input naming the field', async () => {
    expectBadField(await api(app, a, 'POST', '/deals', { amount: 5 }), 'body.name');
    expectBadField(await api(app, a, 'POST', '/deals', { name: 'x', amount: -1 }), 'body.amount');
    expectBadField(await api(app, a, 'POST', '/deals', { name: 'x', currency: 'euro' }), 'body.currency');
    expectBadField(
      await api(app, a, 'POST', '/deals', { name: 'x', expectedCloseDate: '15/03/2026' }),
      'body.expectedCloseDate',
    );
    expectBadField(
      await api(app, a, 'POST', '/deals', { name: 'x', contactId: '018f0000-0000-7000-8000-000000000000' }),
      'body.contactId',
    );
    expectBadField(await api(app, a, 'POST', '/deals', { name: 'x', ownerId: b.userId }), 'body.ownerId');
    expectBadField(await api(app, a, 'GET', '/deals?limit=0'), 'querystring.limit');
    expectBadField(await api(app, a, 'GET', '/deals?cursor=zzz'), 'query.cursor');
    expectBadField(await api(app, a, 'GET', '/deals?sort=lostReason'), 'query.sort');
    expectBadField(
      await api(app, a, 'GET', `/deals?filter=${encodeURIComponent('{"nope":1}')}`),
      'query.filter.nope',
    );
    expectBadField(await api(app, a, 'GET', '/deals?status=closed'), 'querystring.status');
  });

  it('lists through the shared filter and sort, and checks custom fields', async () => {
    const p = json<Pipeline>(await api(app, a, 'POST', '/pipelines', { name: 'Filters' }), 201);
    const small = await newDeal({ pipelineId: p.id, name: 'Small', amount: 10 });
    const big = await newDeal({ pipelineId: p.id, name: 'Big', amount: 9000 });
    const byAmount = json<{ items: Deal[] }>(
      await api(app, a, 'GET', `/deals?pipelineId=${p.id}&sort=-amount`),
      200,
    );
    expect(byAmount.items.map((d) => d.id)).toEqual([big.id, small.id]);
    const f = encodeURIComponent(JSON.stringify({ amount: { gte: 100 } }));
    const filtered = json<{ items: Deal[] }>(
      await api(app, a, 'GET', `/deals?pipelineId=${p.id}&filter=${f}`),
      200,
    );
    expect(filtered.items.map((d) => d.id)).toEqual([big.id]);
    json(
      await api(app, a, 'POST', '/custom-fields', {
        entity: 'deal',
        key: 'tier',
        label: 'Tier',
        type: 'number',
      }),
      201,
    );
    expectBadField(
      await api(app, a, 'POST', '/deals', { name: 'x', custom: { tier: 'gold' } }),
      'body.custom.tier',
    );
    const tiered = json<Deal & { custom: Record<string, unknown> }>(
      await api(app, a, 'PATCH', `/deals/${big.id}`, { custom: { tier: 3 } }),
      200,
    );
    expect(tiered.custom).toEqual({ tier: 3 });
  });

  it('pages with a keyset cursor', async () => {
    const p = json<Pipeline>(await api(app, a, 'POST', '/pipelines', { name: 'Paging' }), 201);
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push((await newDeal({ pipelineId: p.id, name: `P${i}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/deals?pipelineId=${p.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const pg = json<{ items: Deal[]; nextCursor: string | null }>(await api(app, a, 'GET', q), 200);
      seen.push(...pg.items.map((d) => d.id));
      cursor = pg.nextCursor;
    } while (cursor);
    expect(seen).toEqual(ids.reverse());
  });

  it('moves between stages with fractional positions, one row per drag', async () => {
    const s = stage('Proposal').id;
    const x = await newDeal({ stageId: s });
    const y = await newDeal({ stageId: s });
    const z = await newDeal();
    const between = json<Deal>(
      await api(app, a, 'PATCH', `/deals/${z.id}/move`, { stageId: s, afterId: x.id, beforeId: y.id }),
      200,
    );
    expect(between.stageId).toBe(s);
    expect(between.position).toBeGreaterThan(x.position);
    expect(between.position).toBeLessThan(y.position);
    const first = json<Deal>(
      await api(app, a, 'PATCH', `/deals/${y.id}/move`, { stageId: s, beforeId: x.id }),
      200,
    );
    expect(first.position).toBeLessThan(x.position);
    const ordered = json<{ items: Deal[] }>(await api(app, a, 'GET', `/deals?stageId=${s}`), 200)
      .items.filter((d) => [x.id, y.id, z.id].includes(d.id))
      .sort((p, q) => p.position - q.position)
      .map((d) => d.id);
    expect(ordered).toEqual([y.id, x.id, z.id]);
    expect(await eventsOf(app, z.id)).toEqual(['crm.deal.created', 'crm.deal.stage_changed']);
    // Dropping deal after deal right behind x halves one gap again and again; when doubles run
    // out of room the stage is renumbered and the order still holds.
    const pile: string[] = [];
    for (let i = 0; i < 60; i++) {
      const n = await newDeal({ stageId: s });
      json(await api(app, a, 'PATCH', `/deals/${n.id}/move`, { stageId: s, afterId: x.id }), 200);
      pile.unshift(n.id);
    }
    const all = json<{ items: Deal[] }>(await api(app, a, 'GET', `/deals?stageId=${s}&limit=100`), 200).items;
    const byPos = [...all].sort((p, q) => p.position - q.position).map((d) => d.id);
    expect(new Set(all.map((d) => d.position)).size).toBe(all.length);
    expect(byPos.slice(byPos.indexOf(x.id), byPos.indexOf(x.id) + 61)).toEqual([x.id, ...pile]);
    expectBadField(
      await api(app, a, 'PATCH', `/deals/${z.id}/move`, { stageId: s, afterId: z.id }),
      'body.afterId',
    );
    expectBadField(await api(app, a, 'PATCH', `/deals/${z.id}/move`, { position: 3 }), 'body.stageId');
    expectBadField(
      await api(app, a, 'PATCH', `/deals/${z.id}/move`, { stageId: s, position: 1, afterId: x.id }),
      'body.position',
    );
  });

  it('won and lost set status and closed_at, move to the closing stage and emit events', async () => {
    const d = await newDeal();
    const won = json<Deal>(await api(app, a, 'POST', `/deals/${d.id}/won`), 200);
    expect(won).toMatchObject({ status: 'won', stageId: stage('Won').id });
    expect(won.closedAt).not.toBeNull();
    const reopened = json<Deal>(await api(app, a, 'POST', `/deals/${d.id}/reopen`), 200);
    expect(reopened).toMatchObject({ status: 'open', closedAt: null, stageId: stage('Lead').id });
    expectBadField(await api(app, a, 'POST', `/deals/${d.id}/lost`, {}), 'body.reason');
    const lost = json<Deal>(await api(app, a, 'POST', `/deals/${d.id}/lost`, { reason: 'Price' }), 200);
    expect(lost).toMatchObject({ status: 'lost', lostReason: 'Price', stageId: stage('Lost').id });
    const dragged = json<Deal>(
      await api(app, a, 'PATCH', `/deals/${d.id}/move`, { stageId: stage('Won').id }),
      200,
    );
    expect(dragged).toMatchObject({ status: 'won', lostReason: null });
    expect(await eventsOf(app, d.id)).toEqual([
      'crm.deal.created',
      'crm.deal.stage_changed',
      'crm.deal.won',
      'crm.deal.stage_changed',
      'crm.deal.reopened',
      'crm.deal.stage_changed',
      'crm.deal.lost',
      'crm.deal.stage_changed',
      'crm.deal.won',
    ]);
  });

  it('writes no event when the change rolls back', async () => {
    const d = await newDeal();
    const before = await eventsOf(app, d.id);
    // The stage exists but the positions conflict check fails after the deal row was locked.
    expectBadField(
      await api(app, a, 'PATCH', `/deals/${d.id}/move`, { stageId: stage('Qualified').id, afterId: d.id }),
      'body.afterId',
    );
    expectBadField(await api(app, a, 'PATCH', `/deals/${d.id}`, { ownerId: b.userId }), 'body.ownerId');
    expect(await eventsOf(app, d.id)).toEqual(before);
    expect(json<Deal>(await api(app, a, 'GET', `/deals/${d.id}`), 200).stageId).toBe(stage('Lead').id);
  });

  it('tenant B cannot list, read, change, move, close or delete tenant A deals', async () => {
    const d = await newDeal({ name: 'Secret' });
    const bList = json<{ items: Deal[] }>(await api(app, b, 'GET', '/deals?q=Secret'), 200);
    expect(bList.items).toEqual([]);
    expect((await api(app, b, 'GET', `/deals/${d.id}`)).statusCode).toBe(404);
    expect((await api(app, b, 'PATCH', `/deals/${d.id}`, { amount: 1 })).statusCode).toBe(404);
    const bPipe = json<{ items: Pipeline[] }>(await api(app, b, 'GET', '/pipelines'), 200).items[0]!;
    expect(bPipe.id).not.toBe(pipeline.id);
    expect(
      (await api(app, b, 'PATCH', `/deals/${d.id}/move`, { stageId: bPipe.stages[1]!.id })).statusCode,
    ).toBe(404);
    expect((await api(app, b, 'POST', `/deals/${d.id}/won`)).statusCode).toBe(404);
    expect((await api(app, b, 'DELETE', `/deals/${d.id}`)).statusCode).toBe(404);
    expect((await api(app, b, 'GET', `/pipelines/${pipeline.id}`)).statusCode).toBe(404);
    expect(
      (await api(app, b, 'PATCH', `/pipelines/${pipeline.id}/stages/${stage('Lead').id}`, { name: 'x' }))
        .statusCode,
    ).toBe(404);
    // A deals cannot be moved into B's stage either.
    expectBadField(
      await api(app, a, 'PATCH', `/deals/${d.id}/move`, { stageId: bPipe.stages[1]!.id }),
      'body.stageId',
    );
    expect(json<Deal>(await api(app, a, 'GET', `/deals/${d.id}`), 200).amount).toBe(1000);
  });
});
