import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, ok, qs } from './crm-fixtures.js';

/**
 * Routes whose tests elsewhere lacked a bad-input or a tenant-B case (audit of issue 5): each gets
 * a valid call, a bad one naming the field, and tenant B refused or shown nothing.
 */
let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants());
});
afterAll(() => app?.close());

const crm = (u: CrmUser, method: string, url: string, body?: unknown) =>
  u.call(method, `/api/brain/crm${url}`, body);
const badField = (res: Awaited<ReturnType<CrmUser['call']>>, field: string) => {
  expect(res.statusCode, res.body).toBe(400);
  expect(res.body).toContain(field);
};

describe('companies: export, duplicates, bulk delete', () => {
  it('exports, finds duplicates and bulk-deletes only the tenant own companies', async () => {
    const x = ok<{ id: string }>(
      await crm(a, 'POST', '/companies', { name: 'Dupe A', domain: 'dupe.test' }),
      201,
    );
    ok(await crm(a, 'POST', '/companies', { name: 'Dupe B', domain: 'dupe.test' }), 201);
    ok(await crm(b, 'POST', '/companies', { name: 'B dupe', domain: 'dupe.test' }), 201);

    const csv = await crm(a, 'GET', `/companies/export?${qs({ filter: { domain: 'dupe.test' } })}`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Dupe A');
    expect(csv.body).not.toContain('B dupe');
    badField(await crm(a, 'GET', `/companies/export?${qs({ filter: { nope: 1 } })}`), 'query.filter.nope');
    expect((await crm(b, 'GET', '/companies/export')).body).not.toContain('Dupe A');

    const dupes = ok<{ items: { value: string; companyIds: string[] }[] }>(
      await crm(a, 'GET', '/companies/duplicates'),
    );
    expect(dupes.items.find((g) => g.value === 'dupe.test')?.companyIds).toHaveLength(2);
    badField(await crm(a, 'GET', '/companies/duplicates?limit=0'), 'limit');
    expect(ok<{ items: unknown[] }>(await crm(b, 'GET', '/companies/duplicates')).items).toEqual([]);

    expect(
      ok<{ deleted: number }>(await crm(b, 'POST', '/companies/bulk-delete', { ids: [x.id] })).deleted,
    ).toBe(0);
    expect(
      ok<{ deleted: number }>(
        await crm(b, 'POST', '/companies/bulk-delete', { filter: { domain: 'dupe.test' } }),
      ).deleted,
    ).toBe(1);
    ok(await crm(a, 'GET', `/companies/${x.id}`));
    badField(await crm(a, 'POST', '/companies/bulk-delete', { ids: ['nope'] }), 'ids');
    expect(
      ok<{ deleted: number }>(await crm(a, 'POST', '/companies/bulk-delete', { ids: [x.id] })).deleted,
    ).toBe(1);
  });
});

describe('custom fields and saved views of another tenant', () => {
  it('are not listed, changed or deleted by tenant B', async () => {
    const f = ok<{ id: string }>(
      await crm(a, 'POST', '/custom-fields', { entity: 'deal', key: 'audit_only', label: 'A', type: 'text' }),
      201,
    );
    const list = async (u: CrmUser) => ok<{ items: { id: string }[] }>(await crm(u, 'GET', '/custom-fields'));
    expect((await list(a)).items.map((x) => x.id)).toContain(f.id);
    expect((await list(b)).items.map((x) => x.id)).not.toContain(f.id);
    badField(await crm(a, 'GET', '/custom-fields?entity=planet'), 'entity');
    expectProblem(
      await crm(b, 'PATCH', `/custom-fields/${f.id}`, { label: 'B' }),
      404,
      'CRM.CUSTOM_FIELD_NOT_FOUND',
    );
    expectProblem(await crm(b, 'DELETE', `/custom-fields/${f.id}`), 404, 'CRM.CUSTOM_FIELD_NOT_FOUND');

    const v = ok<{ id: string }>(
      await crm(a, 'POST', '/views', { entity: 'contact', name: 'Mine', query: {}, shared: true }),
      201,
    );
    const views = async (u: CrmUser) =>
      ok<{ items: { id: string }[] }>(await crm(u, 'GET', '/views?entity=contact'));
    expect((await views(a)).items.map((x) => x.id)).toContain(v.id);
    expect((await views(b)).items).toEqual([]);
    badField(await crm(a, 'GET', '/views?entity=planet'), 'entity');
  });
});

describe('pipelines: stages and order; deals: lost and reopen', () => {
  it('tenant B cannot add or reorder stages of, or close and reopen deals in, tenant A', async () => {
    const p = ok<{ id: string; stages: { id: string }[] }>(
      await crm(a, 'POST', '/pipelines', { name: 'Audit' }),
      201,
    );
    const added = ok<{ stages: { id: string; name: string }[] }>(
      await crm(a, 'POST', `/pipelines/${p.id}/stages`, { name: 'Demo', probability: 40 }),
      201,
    );
    expect(added.stages.map((s) => s.name)).toContain('Demo');
    badField(
      await crm(a, 'POST', `/pipelines/${p.id}/stages`, { name: 'X', probability: 101 }),
      'probability',
    );
    expectProblem(
      await crm(b, 'POST', `/pipelines/${p.id}/stages`, { name: 'B' }),
      404,
      'CRM.PIPELINE_NOT_FOUND',
    );
    const order = added.stages.map((s) => s.id).reverse();
    expectProblem(
      await crm(b, 'PUT', `/pipelines/${p.id}/stages/order`, { stageIds: order }),
      404,
      'CRM.PIPELINE_NOT_FOUND',
    );
    badField(await crm(a, 'PUT', `/pipelines/${p.id}/stages/order`, { stageIds: ['x'] }), 'stageIds');

    const d = ok<{ id: string }>(
      await crm(a, 'POST', '/deals', { name: 'Audit deal', pipelineId: p.id }),
      201,
    );
    expectProblem(await crm(b, 'POST', `/deals/${d.id}/lost`, { reason: 'B' }), 404, 'CRM.DEAL_NOT_FOUND');
    ok(await crm(a, 'POST', `/deals/${d.id}/lost`, { reason: 'Price' }));
    expectProblem(await crm(b, 'POST', `/deals/${d.id}/reopen`), 404, 'CRM.DEAL_NOT_FOUND');
    badField(await crm(a, 'POST', '/deals/not-a-uuid/reopen'), 'id');
    expect(ok<{ status: string }>(await crm(a, 'POST', `/deals/${d.id}/reopen`)).status).toBe('open');
  });
});

describe('forms embed, scoring model and retrain, CSV upload', () => {
  it('are per tenant and reject bad input', async () => {
    const f = ok<{ id: string }>(
      await crm(a, 'POST', '/forms', {
        name: 'Audit',
        fields: [{ key: 'email', label: 'E', type: 'email' }],
      }),
      201,
    );
    expect((await crm(a, 'GET', `/forms/${f.id}/embed`)).statusCode).toBe(200);
    expectProblem(await crm(b, 'GET', `/forms/${f.id}/embed`), 404, 'CRM.FORM_NOT_FOUND');
    badField(await crm(a, 'GET', '/forms/nope/embed'), 'id');
    expectProblem(await crm(a, 'GET', `/forms/${randomUUID()}/embed`), 404, 'CRM.FORM_NOT_FOUND');

    // Tenant A's closed leads do not count towards tenant B's model.
    await app.hub.db.admin.query(
      `insert into crm.leads (tenant_id, id, first_name, status) select $1, gen_random_uuid(), 'L', 'unqualified' from generate_series(1, 3)`,
      [a.tenantId],
    );
    const modelOf = async (u: CrmUser) => ok<{ closedLeads: number }>(await crm(u, 'GET', '/scoring/model'));
    expect((await modelOf(a)).closedLeads).toBe(3);
    expect((await modelOf(b)).closedLeads).toBe(0);
    expect(ok<{ closedLeads: number }>(await crm(b, 'POST', '/scoring/retrain')).closedLeads).toBe(0);

    const upload = (u: CrmUser, mapping: string) =>
      u.call(
        'POST',
        `/api/brain/crm/imports/csv?${qs({ entity: 'contact', filename: 'a.csv', mapping })}`,
        'First\nAda\n',
        { 'content-type': 'text/csv' },
      );
    const started = ok<{ id: string }>(await upload(a, JSON.stringify({ First: 'firstName' })), 202);
    badField(await upload(a, JSON.stringify({ Nope: 'firstName' })), 'body.mapping.Nope');
    expectProblem(await b.call('GET', `/api/brain/crm/imports/${started.id}`), 404, 'CRM.IMPORT_NOT_FOUND');
    ok(await upload(b, JSON.stringify({ First: 'firstName' })), 202);
    const imports = ok<{ items: { id: string }[] }>(await b.call('GET', '/api/brain/crm/imports'));
    expect(imports.items.map((i) => i.id)).not.toContain(started.id);
  });
});
