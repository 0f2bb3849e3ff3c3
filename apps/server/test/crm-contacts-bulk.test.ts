import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/modules/crm/lists/index.js';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, ok, qs, tierField } from './crm-fixtures.js';

type Contact = {
  id: string;
  emails: string[];
  phones: string[];
  tags: string[];
  ownerId: string | null;
  custom: Record<string, unknown>;
  jobTitle: string | null;
};

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({ fields: [tierField('contact')] }));
});
afterAll(() => app?.close());

const create = async (u: CrmUser, body: Record<string, unknown>) =>
  ok<Contact>(await u.call('POST', '/api/brain/crm/contacts', body), 201);

describe('bulk actions', () => {
  it('updates tags, owner and custom values by ids and by filter; deletes by filter', async () => {
    const cs = await Promise.all(
      [1, 2, 3].map((i) => create(a, { firstName: `Bulk${i}`, tags: ['bulk', 'old'] })),
    );
    const r = ok<{ updated: number }>(
      await a.call('POST', '/api/brain/crm/contacts/bulk-update', {
        ids: cs.slice(0, 2).map((c) => c.id),
        set: { addTags: ['new'], removeTags: ['old'], ownerId: a.userId, custom: { tier: 'gold' } },
      }),
    );
    expect(r.updated).toBe(2);
    const c0 = ok<Contact>(await a.call('GET', `/api/brain/crm/contacts/${cs[0]!.id}`));
    expect(c0).toMatchObject({ tags: ['bulk', 'new'], ownerId: a.userId, custom: { tier: 'gold' } });
    const byFilter = ok<{ updated: number }>(
      await a.call('POST', '/api/brain/crm/contacts/bulk-update', {
        filter: { tags: 'bulk', 'custom.tier': { exists: false } },
        set: { addTags: ['untiered'] },
      }),
    );
    expect(byFilter.updated).toBe(1);
    const bad = expectProblem(
      await a.call('POST', '/api/brain/crm/contacts/bulk-update', {
        ids: [cs[0]!.id],
        set: { custom: { tier: 'x' } },
      }),
      400,
      'CRM.INVALID_CUSTOM_FIELD',
    );
    expect(bad.errors?.[0]?.field).toBe('body.custom.tier');
    expectProblem(
      await a.call('POST', '/api/brain/crm/contacts/bulk-update', { set: { addTags: ['x'] } }),
      400,
      'CRM.BULK_TARGET',
    );
    expectProblem(
      await a.call('POST', '/api/brain/crm/contacts/bulk-delete', { filter: { nope: 1 } }),
      400,
      'CRM.INVALID_FILTER',
    );
    const del = ok<{ deleted: number }>(
      await a.call('POST', '/api/brain/crm/contacts/bulk-delete', { filter: { tags: 'bulk' } }),
    );
    expect(del.deleted).toBe(3);
    const co = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/companies', { name: 'BulkCo', tags: ['x'] }),
      201,
    );
    const cu = ok<{ updated: number }>(
      await a.call('POST', '/api/brain/crm/companies/bulk-update', {
        ids: [co.id],
        set: { addTags: ['y'], ownerId: a.userId },
      }),
    );
    expect(cu.updated).toBe(1);
    expect(
      ok<{ tags: string[]; ownerId: string }>(await a.call('GET', `/api/brain/crm/companies/${co.id}`)),
    ).toMatchObject({
      tags: ['x', 'y'],
      ownerId: a.userId,
    });
    expect(
      ok<{ updated: number }>(
        await b.call('POST', '/api/brain/crm/companies/bulk-update', {
          ids: [co.id],
          set: { addTags: ['b'] },
        }),
      ).updated,
    ).toBe(0);
    expect(
      ok<{ deleted: number }>(await a.call('POST', '/api/brain/crm/companies/bulk-delete', { ids: [co.id] }))
        .deleted,
    ).toBe(1);
  });
});

describe('duplicates and merge', () => {
  it('finds duplicates by e-mail, phone and company domain', async () => {
    const co = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/companies', { name: 'Dup', domain: 'dup.test' }),
      201,
    );
    await create(a, { firstName: 'Eve', emails: ['eve@dup.test'], companyId: co.id });
    await create(a, {
      firstName: 'Eve',
      emails: ['EVE@dup.test', 'eve2@dup.test'],
      phones: ['+49 30 1234567'],
      companyId: co.id,
    });
    await create(a, { firstName: 'Other', phones: ['+49 (30) 123-4567'] });
    const d = ok<{ items: { reason: string; value: string; contactIds: string[] }[] }>(
      await a.call('GET', '/api/brain/crm/contacts/duplicates'),
    );
    const reasons = d.items.map((g) => `${g.reason}:${g.value}`);
    expect(reasons).toEqual(
      expect.arrayContaining(['email:eve@dup.test', 'phone:49301234567', 'companyDomain:dup.test']),
    );
    ok(await a.call('POST', '/api/brain/crm/companies', { name: 'Dup 2', domain: 'dup.test' }), 201);
    const cd = ok<{ items: { value: string; companyIds: string[] }[] }>(
      await a.call('GET', '/api/brain/crm/companies/duplicates'),
    );
    expect(cd.items.find((g) => g.value === 'dup.test')?.companyIds).toHaveLength(2);
    expect(ok<{ items: unknown[] }>(await b.call('GET', '/api/brain/crm/contacts/duplicates')).items).toEqual(
      [],
    );
  });

  it('keeps every activity, unites e-mails, phones and tags, and records an event', async () => {
    const keep = await create(a, { firstName: 'Max', emails: ['max@m.test'], tags: ['a'] });
    const o1 = await create(a, {
      firstName: 'Max',
      emails: ['max@m.test', 'mx@m.test'],
      phones: ['+1 555 1'],
      tags: ['b'],
      jobTitle: 'CFO',
    });
    const o2 = await create(a, {
      lastName: 'M',
      emails: ['m3@m.test'],
      tags: ['a', 'c'],
      custom: { tier: 'silver' },
    });
    const ids = [keep.id, o1.id, o1.id, o2.id, o2.id];
    for (const [i, cid] of ids.entries())
      await app.hub.db.admin.query(
        `insert into crm.activities (tenant_id, id, type, subject, contact_id) values ($1, $2, 'note', $3, $4)`,
        [a.tenantId, randomUUID(), `n${i}`, cid],
      );
    expectProblem(
      await a.call('POST', `/api/brain/crm/contacts/${keep.id}/merge`, { otherIds: [keep.id] }),
      400,
      'CRM.MERGE_NOTHING',
    );
    expectProblem(
      await a.call('POST', `/api/brain/crm/contacts/${keep.id}/merge`, { otherIds: [randomUUID()] }),
      404,
      'CRM.CONTACT_NOT_FOUND',
    );
    expectProblem(
      await a.call('POST', `/api/brain/crm/contacts/${keep.id}/merge`, { otherIds: [] }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expectProblem(
      await b.call('POST', `/api/brain/crm/contacts/${keep.id}/merge`, { otherIds: [o1.id] }),
      404,
      'CRM.CONTACT_NOT_FOUND',
    );
    const m = ok<Contact>(
      await a.call('POST', `/api/brain/crm/contacts/${keep.id}/merge`, { otherIds: [o1.id, o2.id] }),
    );
    expect([...m.emails].sort()).toEqual(['m3@m.test', 'max@m.test', 'mx@m.test']);
    expect(m.phones).toEqual(['+1 555 1']);
    expect(m.tags).toEqual(['a', 'b', 'c']);
    expect(m.jobTitle).toBe('CFO');
    expect(m.custom).toEqual({ tier: 'silver' });
    const { rows } = await app.hub.db.admin.query(
      `select contact_id, count(*)::int as n from crm.activities where tenant_id = $1 and subject like 'n%' group by 1`,
      [a.tenantId],
    );
    expect(rows).toEqual([{ contact_id: keep.id, n: 5 }]);
    expectProblem(await a.call('GET', `/api/brain/crm/contacts/${o1.id}`), 404, 'CRM.CONTACT_NOT_FOUND');
    const ev = await app.hub.db.admin.query(
      `select data from platform.events where tenant_id = $1 and type = 'crm.contact.merged' and subject_id = $2`,
      [a.tenantId, keep.id],
    );
    expect(ev.rows[0]?.data).toMatchObject({ mergedIds: [o1.id, o2.id], activitiesMoved: 4 });
  });
});

describe('CSV export', () => {
  it('streams every row of a filtered list with proper quoting', async () => {
    for (let i = 0; i < 5; i++)
      await create(a, {
        firstName: i === 0 ? 'Quote "Q", Comma' : `Exp${i}`,
        lastName: 'Multi\nLine',
        emails: [`exp${i}@e.test`],
        tags: ['export'],
        custom: { tier: 'gold' },
      });
    await create(a, { firstName: '=cmd()', tags: ['export'] });
    const res = await a.call(
      'GET',
      `/api/brain/crm/contacts/export?${qs({ filter: { tags: 'export' }, sort: 'firstName' })}`,
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const rows = [...parseCsv(res.body)].map((r) => r.cells);
    const header = rows[0]!;
    expect(header).toEqual(expect.arrayContaining(['id', 'firstName', 'emails', 'custom.tier']));
    expect(rows).toHaveLength(7);
    const first = header.indexOf('firstName');
    expect(rows.map((r) => r[first])).toContain('Quote "Q", Comma');
    expect(rows.map((r) => r[first])).toContain("'=cmd()");
    expect(rows.find((r) => r[first] === 'Exp1')?.[header.indexOf('lastName')]).toBe('Multi\nLine');
    expectProblem(
      await a.call('GET', `/api/brain/crm/contacts/export?${qs({ filter: { bad: 1 } })}`),
      400,
      'CRM.INVALID_FILTER',
    );
    const bres = await b.call('GET', `/api/brain/crm/contacts/export?${qs({ filter: { tags: 'export' } })}`);
    expect([...parseCsv(bres.body)]).toHaveLength(1);
    const cres = await a.call('GET', '/api/brain/crm/companies/export');
    expect(cres.statusCode).toBe(200);
    expect(cres.body).toContain('dup.test');
  });
});
