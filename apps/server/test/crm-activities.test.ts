import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uuidv7 } from '../src/platform/ids.js';
import { api, type CrmUser, crmTenants, eventsOf, expectBadField, json } from './crm-deals-fixtures.js';

type Activity = {
  id: string;
  type: string;
  doneAt: string | null;
  dueAt: string | null;
  assigneeId: string | null;
  createdBy: string | null;
  dealId: string | null;
};
type Item = {
  kind: string;
  id: string;
  at: string;
  type: string;
  subject: string | null;
  data: Record<string, unknown> | null;
};
type Page<T> = { items: T[]; nextCursor: string | null };

let app: FastifyInstance, a: CrmUser, b: CrmUser;
let dealId: string;
let contactId: string;
let companyId: string;
beforeAll(async () => {
  ({ app, a, b } = await crmTenants());
  dealId = json<{ id: string }>(await api(app, a, 'POST', '/deals', { name: 'Timeline deal' }), 201).id;
  companyId = uuidv7();
  contactId = uuidv7();
  await app.hub.db.admin.query(`insert into crm.companies (tenant_id, id, name) values ($1, $2, 'Acme')`, [
    a.tenantId,
    companyId,
  ]);
  await app.hub.db.admin.query(
    `insert into crm.contacts (tenant_id, id, first_name, company_id) values ($1, $2, 'Grace', $3)`,
    [a.tenantId, contactId, companyId],
  );
});
afterAll(() => app?.close());

const add = async (body: Record<string, unknown>) =>
  json<Activity>(await api(app, a, 'POST', '/activities', body), 201);

describe('activities', () => {
  it('notes, tasks with due date, assignee and done, calls and meetings', async () => {
    const note = await add({ type: 'note', body: 'Met at the fair', dealId });
    expect(note.createdBy).toBe(a.userId);
    const task = await add({
      type: 'task',
      subject: 'Send proposal',
      dueAt: '2030-01-02T09:00:00Z',
      assigneeId: a.userId,
      dealId,
      contactId,
    });
    expect(task).toMatchObject({ doneAt: null, assigneeId: a.userId });
    await add({
      type: 'call',
      subject: 'Intro call',
      durationMinutes: 15,
      contactId,
      occurredAt: '2026-01-05T10:00:00+01:00',
    });
    await add({ type: 'meeting', subject: 'Kick-off', durationMinutes: 60, companyId });
    const open = json<Page<Activity>>(
      await api(app, a, 'GET', `/activities?open=true&assigneeId=${a.userId}`),
      200,
    );
    expect(open.items.map((x) => x.id)).toEqual([task.id]);
    const done = json<Activity>(await api(app, a, 'PATCH', `/activities/${task.id}`, { done: true }), 200);
    expect(done.doneAt).not.toBeNull();
    expect(json<Page<Activity>>(await api(app, a, 'GET', '/activities?open=true'), 200).items).toEqual([]);
    const undone = json<Activity>(
      await api(app, a, 'PATCH', `/activities/${task.id}`, { done: false, dueAt: null }),
      200,
    );
    expect(undone).toMatchObject({ doneAt: null, dueAt: null });
    expect(
      json<Page<Activity>>(await api(app, a, 'GET', `/activities?dealId=${dealId}`), 200).items,
    ).toHaveLength(2);
    expect(await eventsOf(app, task.id)).toEqual(['crm.activity.created', 'crm.activity.completed']);
    json(await api(app, a, 'DELETE', `/activities/${note.id}`), 200);
    expect((await api(app, a, 'GET', `/activities/${note.id}`)).statusCode).toBe(404);
  });

  it('rejects bad input naming the field', async () => {
    expectBadField(await api(app, a, 'POST', '/activities', { type: 'fax', dealId }), 'body.type');
    expectBadField(await api(app, a, 'POST', '/activities', { type: 'note' }), 'body.contactId');
    expectBadField(
      await api(app, a, 'POST', '/activities', { type: 'task', dealId, dueAt: 'tomorrow' }),
      'body.dueAt',
    );
    expectBadField(
      await api(app, a, 'POST', '/activities', { type: 'call', dealId, durationMinutes: -1 }),
      'body.durationMinutes',
    );
    expectBadField(
      await api(app, a, 'POST', '/activities', { type: 'note', dealId: uuidv7() }),
      'body.dealId',
    );
    expectBadField(
      await api(app, a, 'POST', '/activities', { type: 'task', dealId, assigneeId: b.userId }),
      'body.assigneeId',
    );
    expectBadField(await api(app, a, 'GET', '/activities?open=maybe'), 'querystring.open');
    expectBadField(await api(app, a, 'GET', `/deals/${dealId}/timeline?cursor=abc`), 'querystring.cursor');
  });

  it('one timeline per record: activities and events, newest first, paginated', async () => {
    const d = json<{ id: string }>(await api(app, a, 'POST', '/deals', { name: 'History' }), 201).id;
    await add({ type: 'note', subject: 'first', dealId: d });
    json(await api(app, a, 'POST', `/deals/${d}/won`), 200);
    await add({ type: 'call', subject: 'thanks', dealId: d });
    const all = json<Page<Item>>(await api(app, a, 'GET', `/deals/${d}/timeline?limit=100`), 200);
    expect(all.items.map((i) => `${i.kind}:${i.type}`)).toEqual([
      'activity:call',
      'event:crm.deal.won',
      'event:crm.deal.stage_changed',
      'activity:note',
      'event:crm.deal.created',
    ]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/deals/${d}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const pg = json<Page<Item>>(await api(app, a, 'GET', q), 200);
      seen.push(...pg.items.map((i) => i.id));
      cursor = pg.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.items.map((i) => i.id));
    for (const [path, id] of [
      ['contacts', contactId],
      ['companies', companyId],
    ] as const) {
      const t = json<Page<Item>>(await api(app, a, 'GET', `/${path}/${id}/timeline`), 200);
      expect(t.items.length).toBeGreaterThan(0);
      expect(t.items.every((i) => i.kind === 'activity')).toBe(true);
    }
    const lead = json<{ id: string }>(
      await api(app, a, 'POST', '/leads', { email: 'tl@example.org' }),
      201,
    ).id;
    await add({ type: 'email', subject: 'Hello', leadId: lead });
    const lt = json<Page<Item>>(await api(app, a, 'GET', `/leads/${lead}/timeline`), 200);
    expect(lt.items.map((i) => i.type)).toEqual(['email', 'crm.lead.created']);
  });

  it('tenant B sees none of tenant A activities or timelines', async () => {
    const act = await add({ type: 'note', subject: 'private', dealId });
    expect(json<Page<Activity>>(await api(app, b, 'GET', '/activities'), 200).items).toEqual([]);
    expect((await api(app, b, 'GET', `/activities/${act.id}`)).statusCode).toBe(404);
    expect((await api(app, b, 'PATCH', `/activities/${act.id}`, { subject: 'x' })).statusCode).toBe(404);
    expect((await api(app, b, 'DELETE', `/activities/${act.id}`)).statusCode).toBe(404);
    expectBadField(await api(app, b, 'POST', '/activities', { type: 'note', dealId }), 'body.dealId');
    for (const [path, id] of [
      ['deals', dealId],
      ['contacts', contactId],
      ['companies', companyId],
    ] as const)
      expect((await api(app, b, 'GET', `/${path}/${id}/timeline`)).statusCode).toBe(404);
    expect(json<Activity>(await api(app, a, 'GET', `/activities/${act.id}`), 200).type).toBe('note');
  });
});
