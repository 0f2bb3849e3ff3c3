import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, ok, qs, tierField } from './crm-fixtures.js';

/**
 * Filtered lists first walk the sort index in a window of rows and fall back to the ordinary
 * query when the window does not fill the page (lists/list-query.ts). Both paths, and the pages
 * after them, must return exactly the matching rows in order.
 */
type Contact = { id: string; firstName: string; lastName: string; emails: string[]; tags: string[] };
type Page = { items: Contact[]; nextCursor: string | null };

const N = 400;
const FIRST = ['Ann', 'Anna', 'Bob', 'Carla', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo'];
const LAST = ['Smith', 'Lee', 'Garcia', 'Khan', 'Novak', 'Rossi', 'Mbeki', 'Tanaka', 'Silva', 'Berg'];
interface Row {
  n: number;
  first: string;
  last: string;
  vip: boolean;
  gold: boolean;
}
const rows: Row[] = Array.from({ length: N }, (_, i) => {
  const n = i + 1;
  return {
    n,
    first: FIRST[n % 10]!,
    last: LAST[Math.floor(n / 10) % 10]!,
    vip: n % 5 === 0,
    gold: n % 4 === 0,
  };
});

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({ fields: [tierField('contact')] }));
  await app.hub.db.admin.query(
    `insert into crm.contacts (tenant_id, id, first_name, last_name, emails, tags, custom, created_at)
     select $1, gen_random_uuid(), ($2::text[])[1 + (n % 10)], ($3::text[])[1 + ((n / 10) % 10)],
       array['p' || n || '@window.example']::citext[],
       case when n % 5 = 0 then array['vip'] else array['lead'] end,
       jsonb_build_object('tier', case when n % 4 = 0 then 'gold' else 'silver' end),
       timestamptz '2026-01-01' - make_interval(mins => n)
     from generate_series(1, $4) n`,
    [a.tenantId, FIRST, LAST, N],
  );
});
afterAll(() => app?.close());

async function all(user: CrmUser, q: Record<string, unknown>): Promise<Contact[]> {
  const out: Contact[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 500; i++) {
    const page = ok<Page>(await user.call('GET', `/api/brain/crm/contacts?${qs({ ...q, cursor })}`));
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error('too many pages');
}

const email = (c: Contact) => Number(/^p(\d+)@/.exec(c.emails[0] ?? '')?.[1]);

describe('filtered lists through the sort-index window', () => {
  it('a common match fills pages from the window, newest first, across cursors', async () => {
    const want = rows.filter((r) => r.vip && r.gold && r.first.startsWith('Ann')).map((r) => r.n);
    expect(want.length).toBeGreaterThan(5);
    const got = await all(a, { q: 'ann', filter: { tags: 'vip', 'custom.tier': 'gold' }, limit: 3 });
    expect(got.map(email)).toEqual(want); // created_at falls with n: newest first is n ascending
  });

  it('a rare match falls back to the ordinary query and still pages in order', async () => {
    const got = await all(a, { q: 'p137@window.example', limit: 2 });
    expect(got.map(email)).toEqual([137]);
    const rare = rows.filter((r) => r.n % 97 === 0).map((r) => `p${r.n}@window.example`);
    const some = await all(a, { filter: { emails: { any: rare } }, limit: 1 });
    expect(some.map(email)).toEqual(rows.filter((r) => r.n % 97 === 0).map((r) => r.n));
  });

  it('sorted by last name both ways with a filter, every page in order', async () => {
    const vip = rows.filter((r) => r.vip);
    for (const sort of ['lastName', '-lastName']) {
      const got = await all(a, { filter: { tags: 'vip' }, sort, limit: 7 });
      expect(got).toHaveLength(vip.length);
      const names = got.map((c) => c.lastName);
      const sorted = [...names].sort();
      expect(names).toEqual(sort === 'lastName' ? sorted : sorted.reverse());
      expect(new Set(got.map((c) => c.id)).size).toBe(vip.length);
    }
  });

  it('oldest first with a filter that matches at the end of the index', async () => {
    const got = await all(a, { filter: { 'custom.tier': 'gold', tags: 'vip' }, sort: 'createdAt', limit: 4 });
    expect(got.map(email)).toEqual(
      rows
        .filter((r) => r.gold && r.vip)
        .map((r) => r.n)
        .reverse(),
    );
  });

  it('tenant B sees none of it; a bad filter is still a 400 naming the field', async () => {
    expect((await all(b, { q: 'ann', filter: { tags: 'vip' }, limit: 5 })).length).toBe(0);
    expectProblem(
      await a.call('GET', `/api/brain/crm/contacts?${qs({ filter: { 'custom.nope': 'x' } })}`),
      400,
      'CRM.INVALID_FILTER',
    );
  });
});

describe('custom field types cached for lists', () => {
  it('a field created or deleted after a list is seen by the next list at once', async () => {
    const filter = { 'custom.region': 'north' };
    const url = `/api/brain/crm/contacts?${qs({ filter, limit: 5 })}`;
    expectProblem(await a.call('GET', url), 400, 'CRM.INVALID_FILTER');
    const field = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/custom-fields', {
        entity: 'contact',
        key: 'region',
        label: 'Region',
        type: 'text',
      }),
      201,
    );
    expect(ok<Page>(await a.call('GET', url)).items).toEqual([]);
    // Tenant B's cache is its own: the field does not exist there.
    expectProblem(await b.call('GET', url), 400, 'CRM.INVALID_FILTER');
    ok(await a.call('DELETE', `/api/brain/crm/custom-fields/${field.id}`), 204);
    expectProblem(await a.call('GET', url), 400, 'CRM.INVALID_FILTER');
  });
});
