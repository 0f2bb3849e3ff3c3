import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import {
  type CrmUser,
  crmTenants,
  type Import,
  importCsv,
  ok,
  qs,
  tierField,
  waitForImport,
} from './crm-fixtures.js';

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({ env: { RUN_WORKER: 'true' }, fields: [tierField('contact')] }));
});
afterAll(() => app?.close());

const mapping = {
  ID: 'externalId',
  First: 'firstName',
  Last: 'lastName',
  Email: 'emails',
  Tags: 'tags',
  Tier: 'custom.tier',
  City: 'address.city',
};
const BAD = new Set([17, 1000, 2500, 7777, 9999]);

/** 10,000 rows (header on line 1, so row i is on line i + 2); 5 bad ones. */
function bigCsv(n: number, suffix = '') {
  let s = 'ID,First,Last,Email,Tags,Tier,City\r\n';
  for (let i = 0; i < n; i++) {
    const bad = BAD.has(i);
    const email = bad && i % 2 ? 'broken-address' : `p${i}@imp.test`;
    const tier = bad && !(i % 2) ? 'platinum' : i % 2 ? 'gold' : 'silver';
    s += `ext-${i},"Person, ${i}${suffix}",Last${i},${email},"imp;t${i % 3}",${tier},Berlin\r\n`;
  }
  return s;
}

describe('CSV import', () => {
  it('imports 10,000 rows as a job, keeps the 9,995 good ones and reports the 5 bad lines; re-import updates', async () => {
    const res = await a.call(
      'POST',
      `/api/brain/crm/imports/csv?${qs({ entity: 'contact', filename: 'big.csv', mapping })}`,
      bigCsv(10_000),
      {
        'content-type': 'text/csv',
      },
    );
    const started = ok<Import>(res, 202);
    expect(started.status).toBe('queued');
    const done = await waitForImport(a, started.id);
    expect(done).toMatchObject({
      status: 'completed',
      totalRows: 10_000,
      processedRows: 10_000,
      createdRows: 9_995,
      updatedRows: 0,
      failedRows: 5,
    });
    expect(done.errors.map((e) => e.line).sort((x, y) => x - y)).toEqual(
      [...BAD].map((i) => i + 2).sort((x, y) => x - y),
    );
    expect(done.errors.find((e) => e.line === 19)?.reason).toMatch(/emails/);
    expect(done.errors.find((e) => e.line === 1002)?.reason).toMatch(/custom.tier/);
    expect(done.errors.find((e) => e.line === 7779)?.reason).toMatch(/emails/);
    const one = ok<{ items: { firstName: string; tags: string[]; custom: unknown; address: unknown }[] }>(
      await a.call('GET', `/api/brain/crm/contacts?${qs({ filter: { externalId: 'ext-42' } })}`),
    );
    expect(one.items[0]).toMatchObject({
      firstName: 'Person, 42',
      tags: ['imp', 't0'],
      custom: { tier: 'silver' },
      address: { city: 'Berlin' },
    });

    const { done: done2 } = await importCsv(a, {
      entity: 'contact',
      filename: 'again.csv',
      csv: bigCsv(3000, ' v2'),
      mapping,
    });
    expect(done2).toMatchObject({ status: 'completed', createdRows: 0, updatedRows: 2997, failedRows: 3 });
    const count = await app.hub.db.admin.query(
      `select count(*)::int as n from crm.contacts where tenant_id = $1`,
      [a.tenantId],
    );
    expect(count.rows[0].n).toBe(9_995);
    const upd = ok<{ items: { firstName: string }[] }>(
      await a.call('GET', `/api/brain/crm/contacts?${qs({ filter: { externalId: 'ext-42' } })}`),
    );
    expect(upd.items.map((c) => c.firstName)).toEqual(['Person, 42 v2']);
  });

  it('rejects bad uploads naming the field, and keeps tenants apart', async () => {
    const post = (body: unknown) => a.call('POST', '/api/brain/crm/imports', body);
    let p = expectProblem(
      await post({ entity: 'contact', filename: 'x.csv', csv: 'A,B\n1,2', mapping: { Nope: 'firstName' } }),
      400,
      'CRM.IMPORT_MAPPING',
    );
    expect(p.errors?.[0]?.field).toBe('body.mapping.Nope');
    p = expectProblem(
      await post({ entity: 'contact', filename: 'x.csv', csv: 'A,B\n1,2', mapping: { A: 'shoeSize' } }),
      400,
      'CRM.IMPORT_MAPPING',
    );
    expect(p.errors?.[0]?.field).toBe('body.mapping.A');
    p = expectProblem(
      await post({ entity: 'contact', filename: 'x.csv', csv: 'A\n1', mapping: { A: 'custom.nope' } }),
      400,
      'CRM.IMPORT_MAPPING',
    );
    p = expectProblem(
      await post({ entity: 'activity', filename: 'x.csv', csv: 'A\n1', mapping: { A: 'firstName' } }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expect(p.errors?.[0]?.field).toBe('body.entity');
    const r = await a.call(
      'POST',
      `/api/brain/crm/imports/csv?${qs({ entity: 'contact', filename: 'x.csv', mapping: 'nope' })}`,
      'A\n1',
      {
        'content-type': 'text/csv',
      },
    );
    expectProblem(r, 400, 'CRM.IMPORT_MAPPING');

    const { started: mine, done } = await importCsv(a, {
      entity: 'company',
      filename: 'c.csv',
      csv: 'Name,Web\nAcme,https://www.acme.test/\nBad,not a domain\n',
      mapping: { Name: 'name', Web: 'domain' },
    });
    expect(done).toMatchObject({ status: 'completed', createdRows: 1, failedRows: 1, errors: [{ line: 3 }] });
    expectProblem(await b.call('GET', `/api/brain/crm/imports/${mine.id}`), 404, 'CRM.IMPORT_NOT_FOUND');
    expect(ok<{ items: unknown[] }>(await b.call('GET', '/api/brain/crm/imports')).items).toEqual([]);
    // B imports the same external ids: its own rows, A's stay untouched.
    const bi = await importCsv(b, {
      entity: 'contact',
      filename: 'b.csv',
      csv: 'ID,First\next-1,Hijack\n',
      mapping: { ID: 'externalId', First: 'firstName' },
    });
    expect(bi.done).toMatchObject({ createdRows: 1, updatedRows: 0 });
    const aOne = ok<{ items: { firstName: string }[] }>(
      await a.call('GET', `/api/brain/crm/contacts?${qs({ filter: { externalId: 'ext-1' } })}`),
    );
    expect(aOne.items[0]?.firstName).not.toBe('Hijack');
  });
});
