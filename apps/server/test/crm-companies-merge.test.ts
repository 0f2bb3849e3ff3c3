import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, ok } from './crm-fixtures.js';

type Company = {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  phone: string | null;
  tags: string[];
  address: Record<string, string>;
  custom: Record<string, unknown>;
  externalId: string | null;
};

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants({
    fields: ['segment', 'region'].map((key) => ({ entity: 'company', key, label: key, type: 'text' })),
  }));
});
afterAll(() => app?.close());

const company = async (u: CrmUser, body: Record<string, unknown>) =>
  ok<Company>(await u.call('POST', '/api/brain/crm/companies', body), 201);
const merge = (u: CrmUser, id: string, otherIds: string[]) =>
  u.call('POST', `/api/brain/crm/companies/${id}/merge`, { otherIds });

describe('company merge', () => {
  it('moves every contact, lead, deal and activity, fills empty fields, unites tags, records an event', async () => {
    const keep = await company(a, { name: 'Acme', tags: ['x'], custom: { segment: 'smb' } });
    const o1 = await company(a, {
      name: 'ACME Inc',
      domain: 'acme.test',
      industry: 'Tools',
      tags: ['y', 'x'],
      externalId: 'crm-7',
      address: { city: 'Berlin' },
      custom: { segment: 'enterprise', region: 'eu' },
    });
    const o2 = await company(a, { name: 'Acme GmbH', size: '11-50', phone: '+49 30 1', tags: ['z'] });
    const contacts = [];
    for (const [i, co] of [keep, o1, o1, o2].entries())
      contacts.push(
        ok<{ id: string }>(
          await a.call('POST', '/api/brain/crm/contacts', { firstName: `P${i}`, companyId: co.id }),
          201,
        ),
      );
    for (const [i, co] of [keep, o1, o2, o2, o2].entries())
      await app.hub.db.admin.query(
        `insert into crm.activities (tenant_id, id, type, subject, company_id) values ($1, $2, 'note', $3, $4)`,
        [a.tenantId, randomUUID(), `merge-${i}`, co.id],
      );
    for (const co of [o1, o2])
      await app.hub.db.admin.query(
        `insert into crm.leads (tenant_id, id, first_name, company_id) values ($1, $2, 'Lead', $3)`,
        [a.tenantId, randomUUID(), co.id],
      );
    ok(await a.call('POST', '/api/brain/crm/deals', { name: 'Big deal', companyId: o2.id }), 201);

    const m = ok<Company>(await merge(a, keep.id, [o1.id, o2.id]));
    expect(m).toMatchObject({
      name: 'Acme',
      domain: 'acme.test',
      industry: 'Tools',
      size: '11-50',
      phone: '+49 30 1',
      externalId: 'crm-7',
      address: { city: 'Berlin' },
      tags: ['x', 'y', 'z'],
      custom: { segment: 'smb', region: 'eu' },
    });
    const count = async (table: string) =>
      (
        await app.hub.db.admin.query(
          `select company_id, count(*)::int as n from crm.${table} where tenant_id = $1 and company_id is not null group by 1`,
          [a.tenantId],
        )
      ).rows;
    expect(await count('activities')).toEqual([{ company_id: keep.id, n: 5 }]);
    expect(await count('contacts')).toEqual([{ company_id: keep.id, n: 4 }]);
    expect(await count('leads')).toEqual([{ company_id: keep.id, n: 2 }]);
    expect(await count('deals')).toEqual([{ company_id: keep.id, n: 1 }]);
    for (const gone of [o1, o2])
      expectProblem(await a.call('GET', `/api/brain/crm/companies/${gone.id}`), 404, 'CRM.COMPANY_NOT_FOUND');
    const ev = await app.hub.db.admin.query(
      `select data from platform.events where tenant_id = $1 and type = 'crm.company.merged' and subject_id = $2`,
      [a.tenantId, keep.id],
    );
    expect(ev.rows[0]?.data).toMatchObject({
      mergedIds: [o1.id, o2.id],
      activitiesMoved: 4,
      contactsMoved: 3,
      leadsMoved: 2,
      dealsMoved: 1,
    });
  });

  it('rejects bad input with the field named and changes nothing', async () => {
    const keep = await company(a, { name: 'Keep' });
    const other = await company(a, { name: 'Other' });
    expectProblem(await merge(a, keep.id, [keep.id]), 400, 'CRM.MERGE_NOTHING');
    expectProblem(await merge(a, keep.id, []), 400, 'HTTP.VALIDATION_FAILED');
    const bad = expectProblem(await merge(a, keep.id, ['nope']), 400, 'HTTP.VALIDATION_FAILED');
    expect(JSON.stringify(bad)).toContain('otherIds');
    expectProblem(await merge(a, keep.id, [randomUUID()]), 404, 'CRM.COMPANY_NOT_FOUND');
    expectProblem(await merge(a, randomUUID(), [other.id]), 404, 'CRM.COMPANY_NOT_FOUND');
    ok(await a.call('GET', `/api/brain/crm/companies/${other.id}`));
  });

  it('tenant B can neither merge tenant A companies nor merge its own into them', async () => {
    const keep = await company(a, { name: 'A keep' });
    const other = await company(a, { name: 'A other' });
    const theirs = await company(b, { name: 'B own' });
    expectProblem(await merge(b, keep.id, [other.id]), 404, 'CRM.COMPANY_NOT_FOUND');
    expectProblem(await merge(b, theirs.id, [other.id]), 404, 'CRM.COMPANY_NOT_FOUND');
    expectProblem(await merge(a, keep.id, [theirs.id]), 404, 'CRM.COMPANY_NOT_FOUND');
    ok(await a.call('GET', `/api/brain/crm/companies/${other.id}`));
    ok(await b.call('GET', `/api/brain/crm/companies/${theirs.id}`));
  });
});
