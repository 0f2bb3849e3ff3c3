import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../src/modules/crm/lists/index.js';
import { type CrmUser, crmTenants, ok, qs } from './crm-fixtures.js';

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants());
});
afterAll(() => app?.close());

const names = async (u: CrmUser, path: string, q: string) =>
  ok<{ items: { firstName: string }[] }>(await u.call('GET', `/api/brain/crm/${path}?${qs({ q })}`))
    .items.map((r) => r.firstName)
    .sort();

/** Migration 0011: e-mail addresses are searchable by their local part and their domain. */
describe('search by e-mail domain and local part', () => {
  it('finds contacts by the domain, the local part and the whole address (own tenant only)', async () => {
    for (const [firstName, emails] of [
      ['Maya', ['maya@northwind.example']],
      ['Omar', ['o.khan@contoso.example', 'omar@northwind-labs.example']],
      ['Pia', ['pia@fabrikam.example']],
    ] as const)
      ok(await a.call('POST', '/api/brain/crm/contacts', { firstName, emails }), 201);
    ok(
      await b.call('POST', '/api/brain/crm/contacts', {
        firstName: 'Bmaya',
        emails: ['b@northwind.example'],
      }),
      201,
    );
    expect(await names(a, 'contacts', 'northwind')).toEqual(['Maya', 'Omar']);
    expect(await names(a, 'contacts', 'northwind.example')).toEqual(['Maya']);
    expect(await names(a, 'contacts', 'contoso')).toEqual(['Omar']);
    expect(await names(a, 'contacts', 'o.khan')).toEqual(['Omar']);
    expect(await names(a, 'contacts', 'maya@northwind.example')).toEqual(['Maya']);
    expect(await names(a, 'contacts', 'fabrikam pia')).toEqual(['Pia']);
    expect(await names(a, 'contacts', 'northwind fabrikam')).toEqual([]);
    expect(await names(b, 'contacts', 'northwind')).toEqual(['Bmaya']);
    // The change of an address is searchable at once (a generated column).
    const [maya] = ok<{ items: { id: string }[] }>(
      await a.call('GET', `/api/brain/crm/contacts?${qs({ q: 'maya' })}`),
    ).items;
    ok(await a.call('PATCH', `/api/brain/crm/contacts/${maya!.id}`, { emails: ['maya@tailspin.example'] }));
    expect(await names(a, 'contacts', 'northwind')).toEqual(['Omar']);
    expect(await names(a, 'contacts', 'tailspin')).toEqual(['Maya']);
    const csv = await a.call('GET', `/api/brain/crm/contacts/export?${qs({ q: 'contoso' })}`);
    expect([...parseCsv(csv.body)]).toHaveLength(2);
  });

  it('finds leads by the domain of their e-mail', async () => {
    ok(
      await a.call('POST', '/api/brain/crm/leads', { firstName: 'Lena', email: 'lena@wingtip.example' }),
      201,
    );
    ok(await a.call('POST', '/api/brain/crm/leads', { firstName: 'Nils', companyName: 'Other' }), 201);
    expect(await names(a, 'leads', 'wingtip')).toEqual(['Lena']);
    expect(await names(a, 'leads', 'lena@wingtip.example')).toEqual(['Lena']);
    expect(await names(b, 'leads', 'wingtip')).toEqual([]);
  });
});
