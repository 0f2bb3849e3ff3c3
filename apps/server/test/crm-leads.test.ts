import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/platform/ids.js';
import { api, type CrmUser, crmTenants, eventsOf, expectBadField, json } from './crm-deals-fixtures.js';

type Lead = {
  id: string;
  status: string;
  email: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  convertedAt: string | null;
};
type Converted = {
  lead: Lead;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  contactCreated: boolean;
  companyCreated: boolean;
};

let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants());
});
afterAll(() => app?.close());

const newLead = async (body: Record<string, unknown> = {}) =>
  json<Lead>(await api(app, a, 'POST', '/leads', { firstName: 'Ada', lastName: 'Lovelace', ...body }), 201);
const count = async (table: string, where: string, args: unknown[]) =>
  (
    await app.hub.db.admin.query(
      `select count(*)::int as n from crm.${table} where tenant_id = $1 and ${where}`,
      [a.tenantId, ...args],
    )
  ).rows[0].n as number;

describe('leads', () => {
  it('CRUD, status changes and events', async () => {
    const l = await newLead({
      email: 'ada@example.org',
      source: 'web',
      pageUrl: 'https://example.org/pricing',
      tags: ['hot'],
    });
    expect(l).toMatchObject({ status: 'new', email: 'ada@example.org' });
    const contacted = json<Lead>(await api(app, a, 'PATCH', `/leads/${l.id}`, { status: 'contacted' }), 200);
    expect(contacted.status).toBe('contacted');
    json(await api(app, a, 'PATCH', `/leads/${l.id}`, { jobTitle: 'Analyst' }), 200);
    const list = json<{ items: Lead[] }>(await api(app, a, 'GET', '/leads?status=contacted&q=lovelace'), 200);
    expect(list.items.map((x) => x.id)).toContain(l.id);
    expect(
      json<{ items: Lead[] }>(await api(app, a, 'GET', '/leads?status=new&q=lovelace'), 200).items.map(
        (x) => x.id,
      ),
    ).not.toContain(l.id);
    json(await api(app, a, 'DELETE', `/leads/${l.id}`), 200);
    expect((await api(app, a, 'GET', `/leads/${l.id}`)).statusCode).toBe(404);
    expect(await eventsOf(app, l.id)).toEqual([
      'crm.lead.created',
      'crm.lead.status_changed',
      'crm.lead.updated',
      'crm.lead.deleted',
    ]);
  });

  it('lists through the shared filter and sort', async () => {
    const tag = `t${Date.now()}`;
    const z = await newLead({ firstName: 'Zed', tags: [tag], source: 'fair' });
    const b2 = await newLead({ firstName: 'Bea', tags: [tag], source: 'web' });
    const f = (x: unknown) => encodeURIComponent(JSON.stringify(x));
    const sorted = json<{ items: Lead[] }>(
      await api(app, a, 'GET', `/leads?filter=${f({ tags: tag })}&sort=firstName`),
      200,
    );
    expect(sorted.items.map((l) => l.id)).toEqual([b2.id, z.id]);
    const fair = json<{ items: Lead[] }>(
      await api(app, a, 'GET', `/leads?filter=${f({ tags: tag })}&source=fair`),
      200,
    );
    expect(fair.items.map((l) => l.id)).toEqual([z.id]);
  });

  it('rejects bad input naming the field', async () => {
    expectBadField(await api(app, a, 'POST', '/leads', { email: 'nope' }), 'body.email');
    expectBadField(await api(app, a, 'POST', '/leads', {}), 'body.email');
    expectBadField(
      await api(app, a, 'POST', '/leads', { firstName: 'x', pageUrl: 'not a url' }),
      'body.pageUrl',
    );
    expectBadField(
      await api(app, a, 'POST', '/leads', { firstName: 'x', status: 'converted' }),
      'body.status',
    );
    expectBadField(
      await api(app, a, 'POST', '/leads', { firstName: 'x', ownerId: b.userId }),
      'body.ownerId',
    );
    const l = await newLead();
    expectBadField(await api(app, a, 'PATCH', `/leads/${l.id}`, { status: 'won' }), 'body.status');
    expectBadField(
      await api(app, a, 'PATCH', `/leads/${l.id}`, { firstName: '', lastName: '' }),
      'body.email',
    );
    expectBadField(await api(app, a, 'GET', '/leads?status=hot'), 'querystring.status');
    expectBadField(await api(app, a, 'GET', '/leads?sort=pageUrl'), 'query.sort');
    expectBadField(await api(app, a, 'GET', '/leads?cursor=abc'), 'query.cursor');
    expectBadField(
      await api(app, a, 'POST', `/leads/${l.id}/convert`, { createDeal: { amount: -5 } }),
      'body.createDeal.amount',
    );
    expectBadField(
      await api(app, a, 'POST', `/leads/${l.id}/convert`, { createDeal: { pipelineId: 'x' } }),
      'body.createDeal.pipelineId',
    );
  });

  it('converts into a new contact and company and a deal, in one transaction', async () => {
    const l = await newLead({
      email: 'ada@analytical.example',
      companyName: 'Analytical Engines',
      source: 'ads',
    });
    const c = json<Converted>(
      await api(app, a, 'POST', `/leads/${l.id}/convert`, { createDeal: { amount: 5000 } }),
      200,
    );
    expect(c).toMatchObject({ contactCreated: true, companyCreated: true });
    expect(c.lead).toMatchObject({
      status: 'converted',
      contactId: c.contactId,
      companyId: c.companyId,
      dealId: c.dealId,
    });
    expect(c.lead.convertedAt).not.toBeNull();
    const deal = json<{ amount: number; contactId: string; companyId: string; name: string }>(
      await api(app, a, 'GET', `/deals/${c.dealId}`),
      200,
    );
    expect(deal).toMatchObject({
      amount: 5000,
      contactId: c.contactId,
      companyId: c.companyId,
      name: 'Analytical Engines deal',
    });
    const contact = await app.hub.db.admin.query(
      'select emails::text[] as emails, company_id from crm.contacts where id = $1',
      [c.contactId],
    );
    expect(contact.rows[0]).toEqual({ emails: ['ada@analytical.example'], company_id: c.companyId });
    const company = await app.hub.db.admin.query(
      'select name, domain::text from crm.companies where id = $1',
      [c.companyId],
    );
    expect(company.rows[0]).toEqual({ name: 'Analytical Engines', domain: 'analytical.example' });
    expect(await eventsOf(app, l.id)).toEqual(['crm.lead.created', 'crm.lead.converted']);
    expect(await eventsOf(app, c.dealId!)).toEqual(['crm.deal.created']);
    const again = await api(app, a, 'POST', `/leads/${l.id}/convert`, {});
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('CRM.LEAD_ALREADY_CONVERTED');
    expect((await api(app, a, 'PATCH', `/leads/${l.id}`, { status: 'new' })).statusCode).toBe(409);
  });

  it('reuses the contact with that e-mail and the company with that domain', async () => {
    const companyId = uuidv7();
    const contactId = uuidv7();
    await app.hub.db.admin.query(
      `insert into crm.companies (tenant_id, id, name, domain) values ($1, $2, 'Babbage Ltd', 'babbage.example')`,
      [a.tenantId, companyId],
    );
    await app.hub.db.admin.query(
      `insert into crm.contacts (tenant_id, id, first_name, emails) values ($1, $2, 'Charles', array['CB@Babbage.example']::citext[])`,
      [a.tenantId, contactId],
    );
    const l = await newLead({ email: 'cb@babbage.example', companyName: 'Something else' });
    const c = json<Converted>(await api(app, a, 'POST', `/leads/${l.id}/convert`, {}), 200);
    expect(c).toMatchObject({
      contactId,
      companyId,
      dealId: null,
      contactCreated: false,
      companyCreated: false,
    });
    const contact = await app.hub.db.admin.query('select company_id from crm.contacts where id = $1', [
      contactId,
    ]);
    expect(contact.rows[0].company_id).toBe(companyId);
    // A free-mail address says nothing about the company: matched by name instead.
    const g = await newLead({ email: 'someone@gmail.com', companyName: 'babbage ltd' });
    const cg = json<Converted>(await api(app, a, 'POST', `/leads/${g.id}/convert`, {}), 200);
    expect(cg).toMatchObject({ companyId, contactCreated: true, companyCreated: false });
  });

  it('rolls everything back when a step fails: no contact, company, deal or event', async () => {
    const l = await newLead({ email: 'rollback@rollback.example', companyName: 'Rollback Inc' });
    const before = await count('contacts', `emails @> array['rollback@rollback.example']::citext[]`, []);
    const missing = uuidv7();
    expectBadField(
      await api(app, a, 'POST', `/leads/${l.id}/convert`, { createDeal: { pipelineId: missing } }),
      'pipelineId',
    );
    expect(await count('contacts', `emails @> array['rollback@rollback.example']::citext[]`, [])).toBe(
      before,
    );
    expect(await count('companies', `domain = 'rollback.example'`, [])).toBe(0);
    expect(json<Lead>(await api(app, a, 'GET', `/leads/${l.id}`), 200).status).toBe('new');
    expect(await eventsOf(app, l.id)).toEqual(['crm.lead.created']);
    const types = await app.hub.db.admin.query(
      `select count(*)::int as n from platform.events where tenant_id = $1 and data->>'fromLeadId' = $2`,
      [a.tenantId, l.id],
    );
    expect(types.rows[0].n).toBe(0);
  });

  it('tenant B cannot list, read, change, delete or convert tenant A leads', async () => {
    const l = await newLead({ lastName: 'Zyxwvut' });
    expect(json<{ items: Lead[] }>(await api(app, b, 'GET', '/leads?q=Zyxwvut'), 200).items).toEqual([]);
    expect((await api(app, b, 'GET', `/leads/${l.id}`)).statusCode).toBe(404);
    expect((await api(app, b, 'PATCH', `/leads/${l.id}`, { status: 'qualified' })).statusCode).toBe(404);
    expect((await api(app, b, 'POST', `/leads/${l.id}/convert`, {})).statusCode).toBe(404);
    expect((await api(app, b, 'DELETE', `/leads/${l.id}`)).statusCode).toBe(404);
    expect(json<Lead>(await api(app, a, 'GET', `/leads/${l.id}`), 200).status).toBe('new');
    expect(await eventsOf(app, l.id)).toEqual(['crm.lead.created']);
  });
});
