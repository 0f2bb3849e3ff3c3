import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/platform/ids.js';
import { api, type CrmUser, crmTenants, expectBadField, json } from './crm-deals-fixtures.js';

type Pipeline = { id: string; stages: { id: string; name: string }[] };

let app: FastifyInstance, c: CrmUser, b: CrmUser;
let main: Pipeline;
let partners: Pipeline;

/** A small dataset whose figures are computed by hand in the assertions below. */
beforeAll(async () => {
  ({ app, a: c, b } = await crmTenants());
  main = json<{ items: Pipeline[] }>(await api(app, c, 'GET', '/pipelines'), 200).items[0]!;
  partners = json<Pipeline>(await api(app, c, 'POST', '/pipelines', { name: 'Partners' }), 201);
  const st = (name: string) => main.stages.find((s) => s.name === name)!.id;
  const deal = async (name: string, stage: string, amount: number, expectedCloseDate?: string) =>
    json<{ id: string }>(
      await api(app, c, 'POST', '/deals', { name, stageId: stage, amount, expectedCloseDate }),
      201,
    ).id;
  await deal('D1', st('Lead'), 1000, '2031-01-15'); // weighted 100
  await deal('D2', st('Proposal'), 2000, '2031-01-20'); // weighted 1000
  await deal('D3', st('Negotiation'), 400, '2031-02-10'); // weighted 300
  const d4 = await deal('D4', st('Lead'), 5000, '2031-02-01');
  json(await api(app, c, 'POST', `/deals/${d4}/won`), 200);
  const d5 = await deal('D5', st('Lead'), 700);
  json(await api(app, c, 'POST', `/deals/${d5}/lost`, { reason: 'Budget' }), 200);
  const d6 = await deal('D6', st('Lead'), 300);
  json(await api(app, c, 'POST', `/deals/${d6}/lost`, { reason: 'Timing' }), 200);
  await app.hub.db.admin.query(`update crm.deals set closed_at = '2020-01-01' where id = $1`, [d6]);
  await deal('D7', st('Qualified'), 800);
  await deal('D8', partners.stages[0]!.id, 100, '2031-03-05'); // weighted 10

  const lead = async (source: string | null, convert: boolean) => {
    const id = json<{ id: string }>(await api(app, c, 'POST', '/leads', { firstName: 'L', source }), 201).id;
    if (convert) json(await api(app, c, 'POST', `/leads/${id}/convert`, {}), 200);
  };
  for (const [source, convert] of [
    ['ads', true],
    ['ads', false],
    ['ads', false],
    ['web', true],
    ['web', true],
    [null, false],
  ] as const)
    await lead(source, convert);
  const old = json<{ id: string }>(
    await api(app, c, 'POST', '/leads', { firstName: 'Old', source: 'ads' }),
    201,
  ).id;
  await app.hub.db.admin.query(`update crm.leads set created_at = '2020-01-01' where id = $1`, [old]);

  const act = (body: Record<string, unknown>) =>
    api(app, c, 'POST', '/activities', { dealId: undefined, ...body });
  const d1 = json<{ items: { id: string; name: string }[] }>(await api(app, c, 'GET', '/deals?q=D1'), 200)
    .items[0]!.id;
  for (const body of [
    { type: 'note', dealId: d1 },
    { type: 'note', dealId: d1 },
    { type: 'call', dealId: d1 },
    { type: 'task', dealId: d1, assigneeId: c.userId },
    { type: 'meeting', dealId: d1, occurredAt: '2020-02-02T10:00:00Z' },
  ])
    json(await act(body), 201);
  await app.hub.db.admin.query(
    `insert into crm.activities (tenant_id, id, type, deal_id) values ($1, $2, 'note', $3)`,
    [c.tenantId, uuidv7(), d1],
  );
});
afterAll(() => app?.close());

describe('CRM reports', () => {
  it('deals by stage per pipeline', async () => {
    const r = json<{
      items: {
        pipelineId: string;
        count: number;
        amount: number;
        stages: { name: string; count: number; amount: number }[];
      }[];
    }>(await api(app, c, 'GET', '/reports/deals-by-stage'), 200);
    expect(r.items.map((p) => p.pipelineId)).toEqual([main.id, partners.id]);
    expect(r.items[0]!.stages.map((s) => [s.name, s.count, s.amount])).toEqual([
      ['Lead', 1, 1000],
      ['Qualified', 1, 800],
      ['Proposal', 1, 2000],
      ['Negotiation', 1, 400],
      ['Won', 1, 5000],
      ['Lost', 2, 1000],
    ]);
    expect(r.items[0]).toMatchObject({ count: 7, amount: 10200 });
    expect(r.items[1]).toMatchObject({ count: 1, amount: 100 });
    const one = json<{ items: unknown[] }>(
      await api(app, c, 'GET', `/reports/deals-by-stage?pipelineId=${partners.id}`),
      200,
    );
    expect(one.items).toHaveLength(1);
    expect(
      json<{ items: { count: number }[] }>(
        await api(app, c, 'GET', '/reports/deals-by-stage?currency=EUR'),
        200,
      ).items[0]!.count,
    ).toBe(0);
  });

  it('win rate over a period', async () => {
    expect(json(await api(app, c, 'GET', '/reports/win-rate'), 200)).toMatchObject({
      won: 1,
      lost: 1,
      closed: 2,
      winRate: 0.5,
      wonAmount: 5000,
      lostAmount: 700,
    });
    expect(
      json(await api(app, c, 'GET', '/reports/win-rate?from=2019-12-31&to=2099-01-01'), 200),
    ).toMatchObject({
      won: 1,
      lost: 2,
      closed: 3,
      winRate: 0.3333,
      lostAmount: 1000,
    });
    expect(
      json(await api(app, c, 'GET', '/reports/win-rate?from=2020-01-01&to=2020-01-01'), 200),
    ).toMatchObject({
      won: 0,
      lost: 1,
      winRate: 0,
    });
  });

  it('lead conversion by source', async () => {
    const r = json<Record<string, unknown>>(await api(app, c, 'GET', '/reports/lead-conversion'), 200);
    expect(r.items).toEqual([
      { source: 'ads', leads: 3, converted: 1, rate: 0.3333 },
      { source: 'web', leads: 2, converted: 2, rate: 1 },
      { source: null, leads: 1, converted: 0, rate: 0 },
    ]);
    expect(r.total).toEqual({ leads: 6, converted: 3, rate: 0.5 });
  });

  it('weighted forecast by expected close month', async () => {
    const r = json<Record<string, unknown>>(
      await api(app, c, 'GET', '/reports/forecast?from=2031-01-01&to=2031-12-31'),
      200,
    );
    expect(r.items).toEqual([
      { month: '2031-01', deals: 2, amount: 3000, weighted: 1100 },
      { month: '2031-02', deals: 1, amount: 400, weighted: 300 },
      { month: '2031-03', deals: 1, amount: 100, weighted: 10 },
    ]);
    expect(r.total).toEqual({ deals: 4, amount: 3500, weighted: 1410 });
    const main1 = json<{ total: unknown }>(
      await api(app, c, 'GET', `/reports/forecast?from=2031-01-01&to=2031-01-31&pipelineId=${main.id}`),
      200,
    );
    expect(main1.total).toEqual({ deals: 2, amount: 3000, weighted: 1100 });
  });

  it('activity by owner', async () => {
    const r = json<{ items: unknown[] }>(await api(app, c, 'GET', '/reports/activity-by-owner'), 200);
    expect(r.items).toEqual([
      { userId: c.userId, note: 2, task: 1, call: 1, meeting: 0, email: 0, total: 4 },
      { userId: null, note: 1, task: 0, call: 0, meeting: 0, email: 0, total: 1 },
    ]);
  });

  it('counts the tenant’s records exactly; another tenant counts only its own', async () => {
    type Counts = {
      contacts: number;
      companies: number;
      leads: { total: number; open: number };
      deals: { open: number; won: number; lost: number };
    };
    const counts = json<Counts>(await api(app, c, 'GET', '/reports/counts'), 200);
    // 7 leads, 3 converted; D4 won, D5 and D6 lost (conversions add open deals).
    expect(counts.leads).toEqual({ total: 7, open: 4 });
    expect(counts.deals).toMatchObject({ won: 1, lost: 2 });
    const [own] = (
      await app.hub.db.admin.query(
        `select (select count(*) from crm.contacts where tenant_id = $1)::int as contacts,
           (select count(*) from crm.companies where tenant_id = $1)::int as companies,
           (select count(*) from crm.deals where tenant_id = $1 and status = 'open')::int as open`,
        [c.tenantId],
      )
    ).rows;
    expect(counts).toMatchObject({
      contacts: own.contacts,
      companies: own.companies,
      deals: { open: own.open },
    });
    expect(own.contacts).toBeGreaterThan(0);
    expect(json<Counts>(await api(app, b, 'GET', '/reports/counts'), 200)).toEqual({
      contacts: 0,
      companies: 0,
      leads: { total: 0, open: 0 },
      deals: { open: 0, won: 0, lost: 0 },
    });
    expectBadField(await api(app, c, 'GET', '/reports/counts?pipelineId=x'), 'pipelineId');
  });

  it('rejects bad periods and filters naming the field', async () => {
    expectBadField(
      await api(app, c, 'GET', '/reports/win-rate?from=2026-02-01&to=2026-01-01'),
      'querystring.to',
    );
    expectBadField(await api(app, c, 'GET', '/reports/win-rate?from=2026-13-01'), 'querystring.from');
    expectBadField(await api(app, c, 'GET', '/reports/forecast?pipelineId=nope'), 'querystring.pipelineId');
    expectBadField(await api(app, c, 'GET', '/reports/deals-by-stage?currency=usd'), 'querystring.currency');
    expectBadField(await api(app, c, 'GET', '/reports/activity-by-owner?to=yesterday'), 'querystring.to');
  });

  it("another tenant's reports do not include these figures", async () => {
    expect(
      json<{ items: unknown[] }>(await api(app, b, 'GET', '/reports/deals-by-stage'), 200).items,
    ).toEqual([]);
    expect(json(await api(app, b, 'GET', '/reports/win-rate'), 200)).toMatchObject({
      closed: 0,
      winRate: null,
    });
    expect(json(await api(app, b, 'GET', '/reports/lead-conversion'), 200)).toMatchObject({
      items: [],
      total: { leads: 0, rate: null },
    });
    expect(
      json(await api(app, b, 'GET', '/reports/forecast?from=2031-01-01&to=2031-12-31'), 200),
    ).toMatchObject({ items: [] });
    expect(json(await api(app, b, 'GET', '/reports/activity-by-owner'), 200)).toMatchObject({ items: [] });
    expect(
      json<{ items: unknown[] }>(
        await api(app, b, 'GET', `/reports/deals-by-stage?pipelineId=${main.id}`),
        200,
      ).items,
    ).toEqual([]);
  });
});
