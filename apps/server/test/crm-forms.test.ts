import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatFormPublicId } from '../src/modules/crm/forms/public-id.js';
import { expectProblem, inject, nextIp } from './auth-helpers.js';
import { type CrmUser, crmTenants } from './crm-fixtures.js';
import { startSmtp } from './mail.js';

type User = CrmUser;
type Form = {
  id: string;
  publicId: string;
  name: string;
  submitUrl: string;
  submissions: number;
  active: boolean;
};

let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let a: User;
let b: User;

const api = (u: User, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
  u.call(method, `/api/brain/crm${url}`, payload);
const q = async <T>(sql: string, params: unknown[] = []) =>
  (await app.hub.db.admin.query(sql, params)).rows as T[];

const fields = [
  { key: 'email', label: 'E-mail', type: 'email', required: true },
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'company', label: 'Company', type: 'text' },
  { key: 'job_title', label: 'Job title', type: 'text' },
  { key: 'budget', label: 'Budget', type: 'select', options: ['small', 'large'] },
  { key: 'newsletter', label: 'Newsletter', type: 'checkbox' },
];
const newForm = async (u: User, body: Record<string, unknown> = {}) => {
  const res = await api(u, 'POST', '/forms', {
    name: 'Contact us',
    fields,
    consentText: 'I agree to be contacted',
    ...body,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Form;
};
/**
 * The form limits count in fixed 60 s windows: when a window ends during a loop the counts
 * restart and no 429 comes, so such a run is repeated (with a new form and addresses).
 */
async function inOneWindow<T>(run: () => Promise<T>): Promise<T> {
  const windowNow = () => Math.floor(Date.now() / 60_000);
  for (let i = 0; i < 2; i++) {
    const started = windowNow();
    const result = await run();
    if (windowNow() === started) return result;
  }
  return run();
}

const submit = (
  publicId: string,
  payload: Record<string, unknown>,
  headers: Record<string, string> = {},
  ip = nextIp(),
) => inject(app, { method: 'POST', url: `/api/brain/crm/forms/${publicId}/submit`, payload, headers, ip });

beforeAll(async () => {
  smtp = await startSmtp();
  ({ app, a, b } = await crmTenants({ env: { RUN_WORKER: 'true', SMTP_URL: smtp.url } }));
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

describe('form CRUD', () => {
  it('creates, reads, lists, changes and deletes a form', async () => {
    const f = await newForm(a);
    expect(f.publicId).toMatch(/^frm_[A-Za-z0-9_-]{43}$/);
    expect(f.submitUrl).toBe(`/api/brain/crm/forms/${f.publicId}/submit`);
    expect((await api(a, 'GET', `/forms/${f.id}`)).json()).toMatchObject({
      name: 'Contact us',
      submissions: 0,
    });
    expect((await api(a, 'GET', '/forms')).json().items.map((x: Form) => x.id)).toContain(f.id);
    const patched = await api(a, 'PATCH', `/forms/${f.id}`, {
      name: 'Demo request',
      thankYou: 'Thanks!',
      notifyUserId: a.userId,
    });
    expect(patched.json()).toMatchObject({
      name: 'Demo request',
      thankYou: 'Thanks!',
      notifyUserId: a.userId,
    });
    expect((await api(a, 'DELETE', `/forms/${f.id}`)).statusCode).toBe(204);
    expectProblem(await api(a, 'GET', `/forms/${f.id}`), 404, 'CRM.FORM_NOT_FOUND');
  });

  it('answers 400 naming the field for bad input', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const p = expectProblem(
        await api(a, 'POST', '/forms', { name: 'x', fields, ...body }),
        400,
        'HTTP.VALIDATION_FAILED',
      );
      expect(p.errors?.map((e) => e.field)).toContain(field);
    };
    await bad({ name: '' }, 'body.name');
    await bad({ fields: [] }, 'body.fields');
    await bad({ fields: [{ key: 'plan', label: 'Plan', type: 'select' }] }, 'body.fields.0.options');
    await bad({ fields: [{ key: 'consent', label: 'C', type: 'text' }] }, 'body.fields.0.key');
    await bad({ fields: [{ key: 'Bad Key', label: 'C', type: 'text' }] }, 'body.fields.0.key');
    await bad({ fields: [{ key: 'x', label: 'C', type: 'colour' }] }, 'body.fields.0.type');
    const p = expectProblem(
      await api(a, 'POST', '/forms', { name: 'x', fields, notifyUserId: b.userId }),
      400,
      'CRM.NOT_A_MEMBER',
    );
    expect(p.errors?.[0]?.field).toBe('body.notifyUserId');
  });

  it("keeps each tenant's forms to itself", async () => {
    const f = await newForm(a);
    expectProblem(await api(b, 'GET', `/forms/${f.id}`), 404, 'CRM.FORM_NOT_FOUND');
    expectProblem(await api(b, 'PATCH', `/forms/${f.id}`, { name: 'mine' }), 404, 'CRM.FORM_NOT_FOUND');
    expectProblem(await api(b, 'DELETE', `/forms/${f.id}`), 404, 'CRM.FORM_NOT_FOUND');
    expect((await api(b, 'GET', '/forms')).json().items).toEqual([]);
    expectProblem(await inject(app, { method: 'GET', url: '/api/brain/crm/forms' }), 401, 'AUTH.REQUIRED');
  });

  it('gives an embed snippet: a plain form posting to the public endpoint, no external resources', async () => {
    const f = await newForm(a);
    const res = await api(a, 'GET', `/forms/${f.id}/embed`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    const html = res.body;
    expect(html).toContain(`action="${app.hub.config.PUBLIC_URL}${f.submitUrl}"`);
    expect(html).toContain('name="email"');
    expect(html).toContain('name="_website"');
    expect(html).toContain('name="consent"');
    expect(html).not.toMatch(/\bsrc=|<link|@import/);
  });
});

describe('public submit', () => {
  it('creates a lead with an activity, an event and a mail; a second submission updates it', async () => {
    const f = await newForm(a);
    const email = `lead-${Date.now()}@acme.example`;
    const res = await submit(
      f.publicId,
      {
        email,
        name: 'Ada Lovelace',
        company: 'Acme',
        job_title: 'Director',
        budget: 'large',
        newsletter: 'on',
        consent: true,
      },
      { referer: 'https://acme.example/pricing' },
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ ok: true, message: 'Thank you! We will be in touch soon.' });
    const leads = await q<Record<string, unknown>>(
      'select id, first_name, last_name, company_name, job_title, source, page_url, custom from crm.leads where tenant_id = $1 and email = $2',
      [a.tenantId, email],
    );
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      first_name: 'Ada',
      last_name: 'Lovelace',
      company_name: 'Acme',
      job_title: 'Director',
      source: 'form:Contact us',
      page_url: 'https://acme.example/pricing',
      custom: { budget: 'large', newsletter: true },
    });
    const leadId = leads[0]!.id as string;
    const acts = await q<{ subject: string; body: string }>(
      'select subject, body from crm.activities where tenant_id = $1 and lead_id = $2',
      [a.tenantId, leadId],
    );
    expect(acts).toEqual([expect.objectContaining({ subject: 'Form submitted: Contact us' })]);
    expect(acts[0]!.body).toContain('Budget: large');
    const events = await q<{ type: string; data: Record<string, unknown> }>(
      'select type, data from platform.events where tenant_id = $1 and subject_id = $2',
      [a.tenantId, leadId],
    );
    expect(events).toEqual([
      expect.objectContaining({
        type: 'crm.lead.captured',
        data: expect.objectContaining({ formId: f.id, created: true }),
      }),
    ]);
    const mail = await smtp.waitFor(a.email, /New lead from form Contact us/);
    expect(mail.text).toContain(email);

    const again = await submit(f.publicId, {
      email: email.toUpperCase(),
      page_url: 'https://acme.example/demo',
      consent: 'true',
    });
    expect(again.statusCode, again.body).toBe(200);
    const after = await q<{ id: string; page_url: string; first_name: string }>(
      'select id, page_url, first_name from crm.leads where tenant_id = $1 and email = $2',
      [a.tenantId, email],
    );
    expect(after).toEqual([{ id: leadId, page_url: 'https://acme.example/demo', first_name: 'Ada' }]);
    expect((await api(a, 'GET', `/forms/${f.id}`)).json().submissions).toBe(2);
    // The score job runs after the submission (no rules yet: 0).
    for (let i = 0; i < 100; i++) {
      const [s] = await q<{ score: number | null }>(
        'select score from crm.leads where tenant_id = $1 and id = $2',
        [a.tenantId, leadId],
      );
      if (s?.score !== null) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(
      (await q('select score from crm.leads where tenant_id = $1 and id = $2', [a.tenantId, leadId]))[0],
    ).toEqual({ score: 0 });
  });

  it('takes url-encoded posts from any page (the embed snippet) and lets that page read the answer', async () => {
    const f = await newForm(a);
    const res = await inject(app, {
      method: 'POST',
      url: f.submitUrl,
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://shop.example' },
      payload: new URLSearchParams({
        email: 'form@x.example',
        newsletter: 'true',
        consent: 'true',
        _website: '',
      }).toString(),
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    const [lead] = await q<{ custom: unknown }>(
      'select custom from crm.leads where tenant_id = $1 and email = $2',
      [a.tenantId, 'form@x.example'],
    );
    expect(lead?.custom).toEqual({ newsletter: true });
  });

  it('mails the notify user instead of the owners when one is set', async () => {
    const f = await newForm(a, { name: 'Notify form', notifyUserId: a.userId });
    expect((await submit(f.publicId, { email: 'n@x.example', consent: true })).statusCode).toBe(200);
    await smtp.waitFor(a.email, /Notify form/);
  });

  it('validates required fields, types and consent with a 400 naming the field', async () => {
    const f = await newForm(a);
    const field = async (payload: Record<string, unknown>, name: string) => {
      const p = expectProblem(await submit(f.publicId, payload), 400, 'CRM.FORM_INVALID');
      expect(p.errors?.[0]?.field).toBe(`body.${name}`);
    };
    await field({ consent: true }, 'email');
    await field({ email: 'not-an-address', consent: true }, 'email');
    await field({ email: 'ok@x.example', budget: 'huge', consent: true }, 'budget');
    await field({ email: 'ok@x.example' }, 'consent');
    expect(
      await q('select 1 from crm.leads where tenant_id = $1 and email = $2', [a.tenantId, 'ok@x.example']),
    ).toEqual([]);
  });

  it('answers a filled honeypot like a success and stores nothing', async () => {
    const f = await newForm(a);
    const res = await submit(f.publicId, {
      email: 'bot@spam.example',
      consent: true,
      _website: 'http://spam',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ ok: true, message: 'Thank you! We will be in touch soon.' });
    expect(await q('select 1 from crm.leads where email = $1', ['bot@spam.example'])).toEqual([]);
    expect((await api(a, 'GET', `/forms/${f.id}`)).json().submissions).toBe(0);
  });

  it('limits submissions per IP with 429 and Retry-After', async () => {
    const { codes, res } = await inOneWindow(async () => {
      const f = await newForm(a);
      const ip = nextIp();
      const codes: number[] = [];
      for (let i = 0; i < 10; i++)
        codes.push((await submit(f.publicId, { _website: 'x' }, {}, ip)).statusCode);
      return { codes, res: await submit(f.publicId, { _website: 'x' }, {}, ip) };
    });
    expect(codes).toEqual(Array(10).fill(200));
    expectProblem(res, 429, 'HTTP.RATE_LIMITED');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('limits submissions per form across IPs', async () => {
    const { codes, res } = await inOneWindow(async () => {
      const f = await newForm(a);
      const codes: number[] = [];
      for (let i = 0; i < 120; i++) codes.push((await submit(f.publicId, { _website: 'x' })).statusCode);
      return { codes, res: await submit(f.publicId, { _website: 'x' }) };
    });
    expect(codes).toEqual(Array(120).fill(200));
    expectProblem(res, 429, 'HTTP.RATE_LIMITED');
    expect(res.json().detail).toContain('crm-form:form');
    const other = await newForm(a);
    expect((await submit(other.publicId, { _website: 'x' })).statusCode).toBe(200);
  });

  it("never reaches another tenant's data; unknown and inactive forms answer 404", async () => {
    const fa = await newForm(a);
    const fb = await newForm(b);
    const body = { email: 'cross@x.example', consent: true };
    // Tenant B's id with tenant A's form (and the other way round) finds nothing.
    expectProblem(await submit(formatFormPublicId(b.tenantId, fa.id), body), 404, 'CRM.FORM_NOT_FOUND');
    expectProblem(await submit(formatFormPublicId(a.tenantId, fb.id), body), 404, 'CRM.FORM_NOT_FOUND');
    expectProblem(await submit(fa.id, body), 404, 'CRM.FORM_NOT_FOUND');
    expectProblem(await submit(`frm_${'A'.repeat(43)}`, body), 404, 'CRM.FORM_NOT_FOUND');
    expect(await q('select tenant_id from crm.leads where email = $1', ['cross@x.example'])).toEqual([]);
    expect((await submit(fb.publicId, body)).statusCode).toBe(200);
    expect(await q('select tenant_id from crm.leads where email = $1', ['cross@x.example'])).toEqual([
      { tenant_id: b.tenantId },
    ]);
    await api(a, 'PATCH', `/forms/${fa.id}`, { active: false });
    expectProblem(await submit(fa.publicId, body), 404, 'CRM.FORM_NOT_FOUND');
  });
});
