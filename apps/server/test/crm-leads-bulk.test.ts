import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/modules/crm/lists/index.js';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, crmUser, ok, qs, tierField } from './crm-fixtures.js';

type Lead = {
  id: string;
  firstName: string;
  status: string;
  tags: string[];
  ownerId: string | null;
  custom: Record<string, unknown>;
  score: number | null;
};

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({ env: { RUN_WORKER: 'true' }, fields: [tierField('lead')] }));
});
afterAll(() => app?.close());

const create = async (u: CrmUser, body: Record<string, unknown>) =>
  ok<Lead>(await u.call('POST', '/api/brain/crm/leads', body), 201);
const get = async (u: CrmUser, id: string) => ok<Lead>(await u.call('GET', `/api/brain/crm/leads/${id}`));
const bulkUpdate = (u: CrmUser, body: unknown) => u.call('POST', '/api/brain/crm/leads/bulk-update', body);
const bulkDelete = (u: CrmUser, body: unknown) => u.call('POST', '/api/brain/crm/leads/bulk-delete', body);

async function untilScore(id: string, want: number) {
  for (let i = 0; i < 150 && (await get(a, id)).score !== want; i++)
    await new Promise((res) => setTimeout(res, 100));
  expect((await get(a, id)).score).toBe(want);
}

describe('lead bulk update', () => {
  it('sets tags, owner, custom values and status by ids and by filter, and queues score jobs', async () => {
    ok(
      await a.call('POST', '/api/brain/crm/scoring/rules', {
        kind: 'fit',
        label: 'Qualified',
        condition: { field: 'status', op: 'equals', value: 'qualified' },
        points: 40,
      }),
      201,
    );
    const ls = await Promise.all(
      [1, 2, 3].map((i) => create(a, { firstName: `BU${i}`, tags: ['bu', 'old'] })),
    );
    // Wait for the scores of their creation, so only the bulk update's jobs can change them after.
    await untilScore(ls[1]!.id, 0);
    const r = ok<{ updated: number }>(
      await bulkUpdate(a, {
        ids: ls.slice(0, 2).map((l) => l.id),
        set: {
          addTags: ['new'],
          removeTags: ['old'],
          ownerId: a.userId,
          custom: { tier: 'gold' },
          status: 'qualified',
        },
      }),
    );
    expect(r.updated).toBe(2);
    expect(await get(a, ls[0]!.id)).toMatchObject({
      tags: ['bu', 'new'],
      ownerId: a.userId,
      custom: { tier: 'gold' },
      status: 'qualified',
    });
    expect(await get(a, ls[2]!.id)).toMatchObject({ tags: ['bu', 'old'], ownerId: null, status: 'new' });
    const byFilter = ok<{ updated: number }>(
      await bulkUpdate(a, { filter: { tags: 'bu', status: 'new' }, set: { status: 'contacted' } }),
    );
    expect(byFilter.updated).toBe(1);
    expect((await get(a, ls[2]!.id)).status).toBe('contacted');
    const bySearch = ok<{ updated: number }>(await bulkUpdate(a, { q: 'BU3', set: { addTags: ['found'] } }));
    expect(bySearch.updated).toBe(1);
    expect((await get(a, ls[2]!.id)).tags).toEqual(['bu', 'found', 'old']);
    const ev = await app.hub.db.admin.query(
      `select data from platform.events where tenant_id = $1 and type = 'crm.lead.bulk-updated' order by id`,
      [a.tenantId],
    );
    expect(ev.rows[0]?.data).toMatchObject({ count: 2, status: 'qualified' });
    // The score job of each changed lead runs the status rule (40 points for qualified).
    await untilScore(ls[1]!.id, 40);
  });

  it('refuses bad input with the field named and changes nothing', async () => {
    const l = await create(a, { firstName: 'Bad', tags: ['bad'] });
    const cases: [unknown, number, string, string][] = [
      [{ ids: [l.id], set: { status: 'converted' } }, 400, 'HTTP.VALIDATION_FAILED', 'status'],
      [{ ids: [l.id], set: { status: 'won' } }, 400, 'HTTP.VALIDATION_FAILED', 'status'],
      [{ ids: ['nope'], set: {} }, 400, 'HTTP.VALIDATION_FAILED', 'ids'],
      [{ ids: [l.id], set: { custom: { tier: 'x' } } }, 400, 'CRM.INVALID_CUSTOM_FIELD', 'custom.tier'],
      [{ ids: [l.id], set: { ownerId: b.userId } }, 400, 'CRM.NOT_A_MEMBER', 'set.ownerId'],
      [{ set: { addTags: ['x'] } }, 400, 'CRM.BULK_TARGET', 'ids'],
      [{ filter: { nope: 1 }, set: { addTags: ['x'] } }, 400, 'CRM.INVALID_FILTER', 'nope'],
    ];
    for (const [body, status, code, field] of cases) {
      const p = expectProblem(await bulkUpdate(a, body), status, code);
      expect(JSON.stringify(p)).toContain(field);
    }
    expectProblem(await bulkDelete(a, {}), 400, 'CRM.BULK_TARGET');
    expectProblem(await bulkDelete(a, { filter: { nope: 1 } }), 400, 'CRM.INVALID_FILTER');
    expectProblem(await bulkDelete(a, { ids: [] }), 400, 'HTTP.VALIDATION_FAILED');
    expect(await get(a, l.id)).toMatchObject({ tags: ['bad'], status: 'new', custom: {} });
  });

  it('keeps the status of converted leads (409, nothing changed); other fields still change', async () => {
    const [l1, l2] = await Promise.all([
      create(a, { firstName: 'Conv', tags: ['conv'] }),
      create(a, { firstName: 'Open', tags: ['conv'] }),
    ]);
    await app.hub.db.admin.query(`update crm.leads set status = 'converted' where id = $1`, [l1.id]);
    const p = expectProblem(
      await bulkUpdate(a, { filter: { tags: 'conv' }, set: { status: 'new', addTags: ['x'] } }),
      409,
      'CRM.LEAD_CONVERTED',
    );
    expect(p.errors?.[0]?.field).toBe('body.set.status');
    expect(await get(a, l2.id)).toMatchObject({ tags: ['conv'], status: 'new' });
    expect(
      ok<{ updated: number }>(await bulkUpdate(a, { filter: { tags: 'conv' }, set: { addTags: ['x'] } }))
        .updated,
    ).toBe(2);
    expect((await get(a, l1.id)).status).toBe('converted');
  });
});

describe('lead bulk delete', () => {
  it('deletes by ids and by filter, with an event', async () => {
    const ls = await Promise.all([1, 2, 3].map((i) => create(a, { firstName: `Del${i}`, tags: ['del'] })));
    expect(ok<{ deleted: number }>(await bulkDelete(a, { ids: [ls[0]!.id] })).deleted).toBe(1);
    expectProblem(await a.call('GET', `/api/brain/crm/leads/${ls[0]!.id}`), 404, 'CRM.LEAD_NOT_FOUND');
    expect(ok<{ deleted: number }>(await bulkDelete(a, { filter: { tags: 'del' } })).deleted).toBe(2);
    const ev = await app.hub.db.admin.query(
      `select data from platform.events where tenant_id = $1 and type = 'crm.lead.bulk-deleted' order by id`,
      [a.tenantId],
    );
    expect(ev.rows.map((r) => r.data.count)).toEqual([1, 2]);
  });
});

describe('tenants and roles', () => {
  it("tenant B cannot bulk-update, bulk-delete or export tenant A's leads; viewers get 403", async () => {
    const l = await create(a, { firstName: 'Mine', email: 'mine@a.example', tags: ['iso'] });
    expect(
      ok<{ updated: number }>(await bulkUpdate(b, { ids: [l.id], set: { addTags: ['b'] } })).updated,
    ).toBe(0);
    expect(
      ok<{ updated: number }>(await bulkUpdate(b, { filter: {}, set: { addTags: ['b'] } })).updated,
    ).toBe(0);
    expect(ok<{ deleted: number }>(await bulkDelete(b, { ids: [l.id] })).deleted).toBe(0);
    expect(ok<{ deleted: number }>(await bulkDelete(b, { filter: {} })).deleted).toBe(0);
    const bres = await b.call('GET', `/api/brain/crm/leads/export?${qs({ filter: { tags: 'iso' } })}`);
    expect(bres.statusCode).toBe(200);
    expect(bres.body).not.toContain('mine@a.example');
    expect([...parseCsv(bres.body)]).toHaveLength(1);
    expect(await get(a, l.id)).toMatchObject({ tags: ['iso'] });

    const { call: as } = await crmUser(app, 'viewer');
    expectProblem(
      await as('POST', '/api/brain/crm/leads/bulk-update', { filter: {}, set: { addTags: ['v'] } }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectProblem(
      await as('POST', '/api/brain/crm/leads/bulk-delete', { filter: {} }),
      403,
      'AUTH.FORBIDDEN',
    );
    expect((await as('GET', '/api/brain/crm/leads/export')).statusCode).toBe(200);
  });
});

describe('lead CSV export', () => {
  it('streams only the filtered (and searched) leads, with custom columns and quoting', async () => {
    await create(a, {
      firstName: 'Quote "Q", Comma',
      email: 'q@exp.example',
      tags: ['exp'],
      custom: { tier: 'gold' },
    });
    await create(a, { firstName: 'Exp2', companyName: 'Northwind', tags: ['exp'], status: 'qualified' });
    await create(a, { firstName: 'Exp3', tags: ['exp'], status: 'contacted' });
    await create(a, { firstName: 'Other', tags: ['not-exp'] });
    const res = await a.call(
      'GET',
      `/api/brain/crm/leads/export?${qs({ filter: { tags: 'exp', status: { in: ['new', 'qualified'] } }, sort: 'firstName' })}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('leads.csv');
    const rows = [...parseCsv(res.body)].map((r) => r.cells);
    const header = rows[0]!;
    expect(header).toEqual(expect.arrayContaining(['id', 'firstName', 'status', 'score', 'custom.tier']));
    const first = header.indexOf('firstName');
    expect(rows.slice(1).map((r) => r[first])).toEqual(['Exp2', 'Quote "Q", Comma']);
    expect(rows[2]![header.indexOf('custom.tier')]).toBe('gold');
    const searched = await a.call('GET', `/api/brain/crm/leads/export?${qs({ q: 'northwind' })}`);
    expect([...parseCsv(searched.body)].slice(1).map((r) => r.cells[first])).toEqual(['Exp2']);
    expectProblem(
      await a.call('GET', `/api/brain/crm/leads/export?${qs({ filter: { bad: 1 } })}`),
      400,
      'CRM.INVALID_FILTER',
    );
    expectProblem(await a.call('GET', '/api/brain/crm/leads/export?sort=nope'), 400, 'CRM.INVALID_FILTER');
  });
});
