import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import { type CrmUser, crmTenants, ok } from './crm-fixtures.js';

/**
 * Every CRM field that points at a user (owners, assignees, a form's notify user) answers a user
 * of another tenant the same way: 400 CRM.NOT_A_MEMBER naming the field, and nothing is written.
 */
let app: FastifyInstance, a: CrmUser, b: CrmUser;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants());
});
afterAll(() => app?.close());

describe('one member check for owners, assignees and notify users', () => {
  it('refuses tenant B users everywhere with CRM.NOT_A_MEMBER naming the field; accepts own members', async () => {
    const contact = ok<{ id: string }>(
      await a.call('POST', '/api/brain/crm/contacts', { firstName: 'C' }),
      201,
    );
    const form = { name: 'F', fields: [{ key: 'email', label: 'E-mail', type: 'email' }] };
    const cases: [string, string, Record<string, unknown>, string][] = [
      ['POST', '/contacts', { firstName: 'X', ownerId: b.userId }, 'body.ownerId'],
      ['PATCH', `/contacts/${contact.id}`, { ownerId: b.userId }, 'body.ownerId'],
      ['POST', '/companies', { name: 'X', ownerId: b.userId }, 'body.ownerId'],
      [
        'POST',
        '/contacts/bulk-update',
        { ids: [contact.id], set: { ownerId: b.userId } },
        'body.set.ownerId',
      ],
      ['POST', '/leads', { firstName: 'X', ownerId: b.userId }, 'body.ownerId'],
      ['POST', '/deals', { name: 'X', ownerId: b.userId }, 'body.ownerId'],
      [
        'POST',
        '/activities',
        { type: 'task', contactId: contact.id, assigneeId: b.userId },
        'body.assigneeId',
      ],
      ['POST', '/forms', { ...form, notifyUserId: b.userId }, 'body.notifyUserId'],
    ];
    for (const [method, url, body, field] of cases) {
      const p = expectProblem(await a.call(method, `/api/brain/crm${url}`, body), 400, 'CRM.NOT_A_MEMBER');
      expect(p.errors?.[0]?.field, `${method} ${url}`).toBe(field);
      expect(p.detail).toContain(field);
    }
    const { rows } = await app.hub.db.admin.query(
      `select (select count(*) from crm.contacts where owner_id = $1)::int + (select count(*) from crm.companies where owner_id = $1)::int
        + (select count(*) from crm.leads where owner_id = $1)::int + (select count(*) from crm.deals where owner_id = $1)::int
        + (select count(*) from crm.activities where assignee_id = $1)::int as n`,
      [b.userId],
    );
    expect(rows[0].n).toBe(0);
    ok(await a.call('POST', '/api/brain/crm/leads', { firstName: 'Mine', ownerId: a.userId }), 201);
    ok(await a.call('POST', '/api/brain/crm/forms', { ...form, notifyUserId: a.userId }), 201);
  });
});
