import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, ok, qs, tierField } from './crm-fixtures.js';

type Contact = {
  id: string;
  emails: string[];
  tags: string[];
  custom: Record<string, unknown>;
  firstName: string;
};
type Page = { items: Contact[]; nextCursor: string | null };

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({
    fields: [
      tierField('contact'),
      { entity: 'contact', key: 'score', label: 'Score', type: 'number' },
      { entity: 'contact', key: 'since', label: 'Since', type: 'date' },
      {
        entity: 'contact',
        key: 'topics',
        label: 'Topics',
        type: 'multiselect',
        options: ['seo', 'ads', 'web'],
      },
    ],
  }));
});
afterAll(() => app?.close());

describe('custom fields', () => {
  it('lists, rejects duplicates and bad definitions, updates and deletes', async () => {
    const list = ok<{ items: { key: string }[] }>(
      await a.call('GET', '/api/brain/crm/custom-fields?entity=contact'),
    );
    expect(list.items.map((f) => f.key)).toEqual(
      expect.arrayContaining(['tier', 'score', 'since', 'topics']),
    );
    expectProblem(
      await a.call('POST', '/api/brain/crm/custom-fields', {
        entity: 'contact',
        key: 'tier',
        label: 'X',
        type: 'text',
      }),
      409,
      'CRM.CUSTOM_FIELD_EXISTS',
    );
    const bad = expectProblem(
      await a.call('POST', '/api/brain/crm/custom-fields', {
        entity: 'contact',
        key: 'Bad Key',
        label: 'X',
        type: 'text',
      }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expect(bad.errors?.[0]?.field).toBe('body.key');
    expectProblem(
      await a.call('POST', '/api/brain/crm/custom-fields', {
        entity: 'deal',
        key: 'kind',
        label: 'K',
        type: 'select',
      }),
      400,
      'CRM.CUSTOM_FIELD_OPTIONS',
    );
    const f = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/custom-fields', {
        entity: 'company',
        key: 'temp',
        label: 'T',
        type: 'text',
      }),
      201,
    );
    expect(
      ok<{ label: string }>(await a.call('PATCH', `/api/brain/crm/custom-fields/${f.id}`, { label: 'Temp' }))
        .label,
    ).toBe('Temp');
    expectProblem(
      await b.call('PATCH', `/api/brain/crm/custom-fields/${f.id}`, { label: 'B' }),
      404,
      'CRM.CUSTOM_FIELD_NOT_FOUND',
    );
    expectProblem(
      await b.call('DELETE', `/api/brain/crm/custom-fields/${f.id}`),
      404,
      'CRM.CUSTOM_FIELD_NOT_FOUND',
    );
    ok(await a.call('DELETE', `/api/brain/crm/custom-fields/${f.id}`), 204);
  });
});

describe('contacts CRUD', () => {
  it('creates with several e-mails and phones, custom values, company link; reads, updates, deletes', async () => {
    const co = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/companies', { name: 'Acme', domain: 'acme.test' }),
      201,
    );
    const c = ok<Contact & { companyId: string; phones: string[] }>(
      await a.call('POST', '/api/brain/crm/contacts', {
        firstName: 'Ann',
        lastName: 'Lee',
        emails: ['ann@acme.test', 'ann.lee@gmail.test'],
        phones: ['+1 555 0100', '+1 555 0101'],
        jobTitle: 'CTO',
        source: 'referral',
        tags: ['vip', 'vip', 'tech'],
        ownerId: a.userId,
        companyId: co.id,
        address: { city: 'Berlin', country: 'DE' },
        custom: { tier: 'gold', score: '42', since: '2024-05-01', topics: ['seo', 'ads'] },
      }),
      201,
    );
    expect(c.emails).toEqual(['ann@acme.test', 'ann.lee@gmail.test']);
    expect(c.tags).toEqual(['vip', 'tech']);
    expect(c.custom).toEqual({ tier: 'gold', score: 42, since: '2024-05-01', topics: ['seo', 'ads'] });
    expect(c.companyId).toBe(co.id);
    expect(ok<Contact>(await a.call('GET', `/api/brain/crm/contacts/${c.id}`)).firstName).toBe('Ann');
    const u = ok<Contact & { jobTitle: string }>(
      await a.call('PATCH', `/api/brain/crm/contacts/${c.id}`, {
        jobTitle: 'CEO',
        custom: { score: 50, since: null },
      }),
    );
    expect(u.jobTitle).toBe('CEO');
    expect(u.custom).toEqual({ tier: 'gold', score: 50, topics: ['seo', 'ads'] });
    ok(await a.call('DELETE', `/api/brain/crm/contacts/${c.id}`), 204);
    expectProblem(await a.call('GET', `/api/brain/crm/contacts/${c.id}`), 404, 'CRM.CONTACT_NOT_FOUND');
    expectProblem(await a.call('DELETE', `/api/brain/crm/contacts/${c.id}`), 404, 'CRM.CONTACT_NOT_FOUND');
  });

  it('rejects bad input naming the field', async () => {
    const post = (body: unknown) => a.call('POST', '/api/brain/crm/contacts', body);
    let p = expectProblem(
      await post({ firstName: 'X', custom: { tier: 'bronze' } }),
      400,
      'CRM.INVALID_CUSTOM_FIELD',
    );
    expect(p.errors?.[0]?.field).toBe('body.custom.tier');
    p = expectProblem(
      await post({ firstName: 'X', custom: { score: 'many' } }),
      400,
      'CRM.INVALID_CUSTOM_FIELD',
    );
    expect(p.errors?.[0]?.field).toBe('body.custom.score');
    p = expectProblem(
      await post({ firstName: 'X', custom: { since: '31/12/2024' } }),
      400,
      'CRM.INVALID_CUSTOM_FIELD',
    );
    expect(p.errors?.[0]?.field).toBe('body.custom.since');
    p = expectProblem(await post({ firstName: 'X', custom: { nope: 'x' } }), 400, 'CRM.INVALID_CUSTOM_FIELD');
    expect(p.errors?.[0]?.field).toBe('body.custom.nope');
    p = expectProblem(
      await post({ firstName: 'X', emails: ['not-an-email'] }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expect(p.errors?.[0]?.field).toBe('body.emails.0');
    p = expectProblem(await post({ jobTitle: 'nobody' }), 400, 'CRM.CONTACT_NAME_REQUIRED');
    p = expectProblem(await post({ firstName: 'X', ownerId: b.userId }), 400, 'CRM.NOT_A_MEMBER');
    expect(p.errors?.[0]?.field).toBe('body.ownerId');
    const bCompany = ok<{ id: string }>(
      await b.call('POST', '/api/brain/crm/companies', { name: 'B Co' }),
      201,
    );
    p = expectProblem(await post({ firstName: 'X', companyId: bCompany.id }), 400, 'CRM.COMPANY_NOT_FOUND');
    expect(p.errors?.[0]?.field).toBe('body.companyId');
    expectProblem(await a.call('GET', '/api/brain/crm/contacts/not-a-uuid'), 400, 'HTTP.VALIDATION_FAILED');
  });
});

describe('lists', () => {
  beforeAll(async () => {
    const tiers = ['gold', 'silver', null];
    for (let i = 0; i < 30; i++)
      ok(
        await a.call('POST', '/api/brain/crm/contacts', {
          firstName: `Listy${i}`,
          lastName: i % 2 ? 'Odd' : 'Even',
          emails: [`listy${i}@list.test`],
          tags: i % 5 === 0 ? ['vip', 'list'] : ['list'],
          custom: tiers[i % 3] ? { tier: tiers[i % 3], score: i } : { score: i },
        }),
        201,
      );
  });
  const list = (u: CrmUser, o: Record<string, unknown>) => u.call('GET', `/api/brain/crm/contacts?${qs(o)}`);

  it('filters on tags, custom fields and dates; searches with prefixes; sorts', async () => {
    const vip = ok<Page>(
      await list(a, { filter: { tags: 'list', 'custom.tier': 'gold', 'custom.score': { gte: 10 } } }),
    );
    expect(vip.items.length).toBeGreaterThan(0);
    for (const c of vip.items) expect(c.custom.tier).toBe('gold');
    const tagged = ok<Page>(await list(a, { filter: { tags: { all: ['vip', 'list'] } } }));
    expect(tagged.items).toHaveLength(6);
    const future = ok<Page>(await list(a, { filter: { createdAt: { gte: '2999-01-01T00:00:00Z' } } }));
    expect(future.items).toHaveLength(0);
    const found = ok<Page>(await list(a, { q: 'listy1 od' }));
    expect(found.items.map((c) => c.firstName).sort()).toEqual([
      'Listy1',
      'Listy11',
      'Listy13',
      'Listy15',
      'Listy17',
      'Listy19',
    ]);
    const byEmail = ok<Page>(await list(a, { q: 'listy2@list' }));
    expect(byEmail.items.map((c) => c.firstName)).toContain('Listy2');
    const sorted = ok<Page>(await list(a, { filter: { tags: 'list' }, sort: '-custom.score', limit: 3 }));
    expect(sorted.items.map((c) => c.custom.score)).toEqual([29, 28, 27]);
  });

  it('pages with an opaque cursor without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const p = ok<Page>(await list(a, { filter: { tags: 'list' }, sort: 'lastName', limit: 7, cursor }));
      seen.push(...p.items.map((c) => c.id));
      cursor = p.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(30);
    expect(new Set(seen).size).toBe(30);
  });

  it('answers 400 naming an unknown field, operator or bad value', async () => {
    let p = expectProblem(await list(a, { filter: { shoeSize: 42 } }), 400, 'CRM.INVALID_FILTER');
    expect(p.errors?.[0]?.field).toBe('query.filter.shoeSize');
    p = expectProblem(await list(a, { filter: { 'custom.nope': 1 } }), 400, 'CRM.INVALID_FILTER');
    expect(p.errors?.[0]?.field).toBe('query.filter.custom.nope');
    p = expectProblem(await list(a, { filter: { createdAt: { near: 1 } } }), 400, 'CRM.INVALID_FILTER');
    p = expectProblem(
      await list(a, { filter: { createdAt: { gte: 'yesterday' } } }),
      400,
      'CRM.INVALID_FILTER',
    );
    p = expectProblem(await list(a, { filter: 'not json' }), 400, 'CRM.INVALID_FILTER');
    p = expectProblem(await list(a, { sort: 'address' }), 400, 'CRM.INVALID_FILTER');
    expect(p.errors?.[0]?.field).toBe('query.sort.address');
    expectProblem(await list(a, { cursor: 'garbage' }), 400, 'CRM.INVALID_FILTER');
    expectProblem(await list(a, { limit: 1000 }), 400, 'HTTP.VALIDATION_FAILED');
  });

  it('saved views: private or shared, applied to lists', async () => {
    const v = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/views', {
        entity: 'contact',
        name: 'Gold',
        query: { filter: { 'custom.tier': 'gold' }, sort: 'firstName' },
      }),
      201,
    );
    const page = ok<Page>(await list(a, { view: v.id }));
    expect(page.items.length).toBeGreaterThan(0);
    for (const c of page.items) expect(c.custom.tier).toBe('gold');
    expect(
      ok<{ items: unknown[] }>(await a.call('GET', '/api/brain/crm/views?entity=contact')).items,
    ).toHaveLength(1);
    ok(await a.call('PATCH', `/api/brain/crm/views/${v.id}`, { shared: true }));
    expectProblem(await b.call('GET', `/api/brain/crm/views/${v.id}`), 404, 'CRM.VIEW_NOT_FOUND');
    expectProblem(await list(b, { view: v.id }), 404, 'CRM.VIEW_NOT_FOUND');
    expectProblem(await b.call('DELETE', `/api/brain/crm/views/${v.id}`), 404, 'CRM.VIEW_NOT_FOUND');
    expectProblem(
      await a.call('POST', '/api/brain/crm/views', { entity: 'contact', name: '', query: {} }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    const badView = expectProblem(
      await a.call('POST', '/api/brain/crm/views', {
        entity: 'contact',
        name: 'Bad',
        query: { filter: { shoeSize: 1 } },
      }),
      400,
      'CRM.INVALID_FILTER',
    );
    expect(badView.errors?.[0]?.field).toBe('body.query.filter.shoeSize');
    expectProblem(
      await a.call('PATCH', `/api/brain/crm/views/${v.id}`, { query: { sort: 'nope' } }),
      400,
      'CRM.INVALID_FILTER',
    );
    ok(await a.call('DELETE', `/api/brain/crm/views/${v.id}`), 204);
  });

  it('saved views keep their table columns, in order; null goes back to the defaults', async () => {
    type View = { id: string; columns: string[] | null };
    const v = ok<View>(
      await a.call('POST', '/api/brain/crm/views', {
        entity: 'contact',
        name: 'Tiers',
        query: {},
        columns: ['lastName', 'custom.tier', 'emails'],
      }),
      201,
    );
    expect(v.columns).toEqual(['lastName', 'custom.tier', 'emails']);
    expect(ok<View>(await a.call('GET', `/api/brain/crm/views/${v.id}`)).columns).toEqual([
      'lastName',
      'custom.tier',
      'emails',
    ]);
    // Renaming leaves the columns alone; a new order replaces them; null resets.
    ok(await a.call('PATCH', `/api/brain/crm/views/${v.id}`, { name: 'Tiers 2' }));
    expect(ok<View>(await a.call('GET', `/api/brain/crm/views/${v.id}`)).columns).toHaveLength(3);
    const reordered = ok<View>(
      await a.call('PATCH', `/api/brain/crm/views/${v.id}`, { columns: ['emails', 'lastName'] }),
    );
    expect(reordered.columns).toEqual(['emails', 'lastName']);
    expect(
      ok<View>(await a.call('PATCH', `/api/brain/crm/views/${v.id}`, { columns: null })).columns,
    ).toBeNull();
    for (const columns of [['lastName', 'lastName'], ['last name'], 'lastName']) {
      const res = await a.call('PATCH', `/api/brain/crm/views/${v.id}`, { columns });
      expectProblem(res, 400, 'HTTP.VALIDATION_FAILED');
      expect(res.body).toContain('body.columns');
    }
    expectProblem(
      await b.call('PATCH', `/api/brain/crm/views/${v.id}`, { columns: ['lastName'] }),
      404,
      'CRM.VIEW_NOT_FOUND',
    );
    expect(ok<View>(await a.call('GET', `/api/brain/crm/views/${v.id}`)).columns).toBeNull();
  });
});

describe('tenant isolation', () => {
  it("tenant B cannot list, read, change or delete tenant A's contacts and companies", async () => {
    const c = ok<Contact>(
      await a.call('POST', '/api/brain/crm/contacts', { firstName: 'Secret', emails: ['s@a.test'] }),
      201,
    );
    const co = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/companies', { name: 'Secret Co' }),
      201,
    );
    expect(ok<Page>(await b.call('GET', '/api/brain/crm/contacts?q=secret')).items).toEqual([]);
    expect(ok<Page>(await b.call('GET', '/api/brain/crm/companies?q=secret')).items).toEqual([]);
    expectProblem(await b.call('GET', `/api/brain/crm/contacts/${c.id}`), 404, 'CRM.CONTACT_NOT_FOUND');
    expectProblem(
      await b.call('PATCH', `/api/brain/crm/contacts/${c.id}`, { firstName: 'B' }),
      404,
      'CRM.CONTACT_NOT_FOUND',
    );
    expectProblem(await b.call('DELETE', `/api/brain/crm/contacts/${c.id}`), 404, 'CRM.CONTACT_NOT_FOUND');
    expectProblem(await b.call('GET', `/api/brain/crm/companies/${co.id}`), 404, 'CRM.COMPANY_NOT_FOUND');
    expectProblem(
      await b.call('PATCH', `/api/brain/crm/companies/${co.id}`, { name: 'B' }),
      404,
      'CRM.COMPANY_NOT_FOUND',
    );
    expectProblem(await b.call('DELETE', `/api/brain/crm/companies/${co.id}`), 404, 'CRM.COMPANY_NOT_FOUND');
    expect(
      ok<{ updated: number }>(
        await b.call('POST', '/api/brain/crm/contacts/bulk-update', { ids: [c.id], set: { addTags: ['x'] } }),
      ).updated,
    ).toBe(0);
    expect(
      ok<{ deleted: number }>(await b.call('POST', '/api/brain/crm/contacts/bulk-delete', { filter: {} }))
        .deleted,
    ).toBe(0);
    const own = ok<Contact>(await b.call('POST', '/api/brain/crm/contacts', { firstName: 'Mine' }), 201);
    expectProblem(
      await b.call('POST', `/api/brain/crm/contacts/${own.id}/merge`, { otherIds: [c.id] }),
      404,
      'CRM.CONTACT_NOT_FOUND',
    );
    expect(ok<Contact>(await a.call('GET', `/api/brain/crm/contacts/${c.id}`)).firstName).toBe('Secret');
    expect((await b.call('GET', '/api/brain/crm/contacts/export')).body).not.toContain('Secret');
  });
});
