import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cmsModule } from '../src/modules/cms/index.js';
import { findTenantBySlug } from '../src/modules/identity/index.js';
import { bearer, inject, nextIp, passwordGrant } from './auth-helpers.js';
import { buildTestApp } from './helpers.js';
import { get } from './sites-fixtures.js';

/** Bizoholic's seeded marketing site, and its contact form posting a lead into Bizoholic's CRM with JavaScript off. */
let app: FastifyInstance;
let agencyId: string;
const base = '/sites/bizoholic';

beforeAll(async () => {
  app = await buildTestApp({}, { seed: true });
  agencyId = (await findTenantBySlug({ db: app.hub.db }, 'bizoholic'))!.id;
});
afterAll(async () => app?.close());

const q = async <T>(text: string, params: unknown[] = []) =>
  (await app.hub.db.admin.query(text, params)).rows as T[];

/** What a browser with JavaScript off sends for the page's form: the form's own fields, url-encoded. */
function formOf(html: string) {
  const form = /<form action="([^"]+)" method="post">([\s\S]*?)<\/form>/.exec(html);
  expect(form).not.toBeNull();
  const hidden = Object.fromEntries(
    [...form![2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [
      m[1],
      m[2]!.replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"'),
    ]),
  );
  const names = [...form![2]!.matchAll(/name="([^"]+)"/g)].map((m) => m[1]);
  return { action: form![1]!.replaceAll('&amp;', '&'), hidden, names };
}

const post = (url: string, fields: Record<string, string>) =>
  app.inject({
    method: 'POST',
    url,
    remoteAddress: nextIp(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
    payload: new URLSearchParams(fields).toString(),
  });

describe("Bizoholic's demo site", () => {
  it('has a home page with hero, services summary and quote, themed, with navigation', async () => {
    const res = await get(app, `${base}/`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h1>Marketing that pays for itself</h1>');
    expect(res.body).toContain(`<a class="btn" href="${base}/contact">Book my audit</a>`);
    expect(res.body).toContain('<h2>What we do</h2>');
    expect(res.body).toContain('<cite>Dr. Hana Park, Harbor Dental</cite>');
    expect(res.body).toContain('--c-primary:#5b3cc4');
    for (const [label, path] of [
      ['Services', '/services'],
      ['About', '/about'],
      ['Blog', '/blog'],
      ['Contact', '/contact'],
    ])
      expect(res.body).toContain(`<a href="${base}${path}">${label}</a>`);
    expect(res.body).not.toMatch(/<script/i);
  });

  it('has services, about and a blog of three posts with author, categories and tags', async () => {
    expect((await get(app, `${base}/services`)).body).toContain('<h2>Search engine optimisation</h2>');
    expect((await get(app, `${base}/about`)).body).toContain('<h1>About us</h1>');
    const blog = await get(app, `${base}/blog`);
    const titles = [...blog.body.matchAll(/<h2><a href="[^"]+">([^<]+)<\/a><\/h2>/g)].map((m) => m[1]);
    expect(titles).toEqual([
      'A 90-day marketing plan you can actually follow',
      'How much should a small business spend on Google Ads?',
      'The local SEO checklist we run for every new client',
    ]);
    const post = await get(app, `${base}/blog/local-seo-checklist`);
    expect(post.statusCode).toBe(200);
    expect(post.body).toContain('by <span class="author-name">Alex Rivera</span>');
    expect(post.body).toContain(`<a href="${base}/blog/category/seo">SEO</a>`);
    expect(post.body).toContain('#checklist');
  });

  it("submitting the contact page's form (no JavaScript) creates a lead in Bizoholic's CRM and shows the thank-you", async () => {
    const page = await get(app, `${base}/contact`);
    expect(page.statusCode).toBe(200);
    const form = formOf(page.body);
    expect(form.action).toMatch(/^\/api\/brain\/crm\/forms\/frm_[A-Za-z0-9_-]{43}\/submit$/);
    expect(form.names).toEqual(
      expect.arrayContaining([
        'first_name',
        'last_name',
        'email',
        'phone',
        'company',
        'message',
        'consent',
        '_website',
      ]),
    );
    const email = `visitor-${Date.now()}@example.com`;
    const res = await post(form.action, {
      ...form.hidden,
      first_name: 'Vera',
      last_name: 'Visitor',
      email,
      company: 'Visitor Ltd',
      message: 'We need more patients',
      consent: 'true',
      _website: '',
    });
    expect(res.statusCode).toBe(303);
    const publicId = form.action.split('/')[5];
    expect(res.headers.location).toBe(`${base}/contact?form=sent&f=${publicId}#f-contact-form`);
    const lead = await q<{
      tenant_id: string;
      first_name: string;
      last_name: string;
      company_name: string;
      source: string;
      page_url: string;
    }>(
      'select tenant_id, first_name, last_name, company_name, source, page_url from crm.leads where email = $1',
      [email],
    );
    expect(lead).toEqual([
      {
        tenant_id: agencyId,
        first_name: 'Vera',
        last_name: 'Visitor',
        company_name: 'Visitor Ltd',
        source: 'form:Contact us',
        page_url: `http://localhost:8001${base}/contact`,
      },
    ]);
    const back = await get(app, res.headers.location as string);
    expect(back.statusCode).toBe(200);
    expect(back.headers['cache-control']).toBe('no-store');
    expect(back.body).toContain(
      '<p class="notice" role="status">Thank you! We will get back to you within one business day.</p>',
    );
  });

  it('a plain post with a bad field goes back to the form naming the field; nothing is stored', async () => {
    const form = formOf((await get(app, `${base}/contact`)).body);
    const before = await q<{ n: number }>('select count(*)::int as n from crm.leads where tenant_id = $1', [
      agencyId,
    ]);
    const res = await post(form.action, {
      ...form.hidden,
      first_name: 'No',
      email: 'not-an-address',
      message: 'hi',
      consent: 'true',
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toContain('?form=error&f=');
    expect(res.headers.location).toContain('&field=email#f-contact-form');
    const back = await get(app, res.headers.location as string);
    expect(back.body).toContain('Please check “E-mail”.');
    const after = await q<{ n: number }>('select count(*)::int as n from crm.leads where tenant_id = $1', [
      agencyId,
    ]);
    expect(after).toEqual(before);
  });

  it('refuses a _return that would leave the site and keeps answering JSON without one', async () => {
    const form = formOf((await get(app, `${base}/contact`)).body);
    for (const evil of ['//evil.example/x', 'https://evil.example/', '/\\evil.example']) {
      const res = await post(form.action, {
        first_name: 'A',
        email: `x${Date.now()}@example.com`,
        message: 'hi',
        consent: 'true',
        _return: evil,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ ok: true });
    }
  });

  it('seeding again changes nothing', async () => {
    const count = () =>
      q<{ sites: number; pages: number }>(
        `select (select count(*)::int from cms.sites where tenant_id = $1) as sites,
        (select count(*)::int from cms.pages where tenant_id = $1 and status = 'published') as pages`,
        [agencyId],
      );
    const before = await count();
    expect(before).toEqual([{ sites: 1, pages: 7 }]);
    await cmsModule.seed!(app.hub);
    expect(await count()).toEqual(before);
    const forms = await q<{ n: number }>(
      `select count(*)::int as n from crm.forms where tenant_id = $1 and name = 'Contact us'`,
      [agencyId],
    );
    expect(forms[0]!.n).toBe(1);
  });

  it('changes made through the API show at once: a new form field, a published page', async () => {
    const token = (await passwordGrant(app, 'owner@bizoholic.dev', app.hub.config.DEMO_PASSWORD))
      .access_token;
    await get(app, `${base}/contact`); // cached now
    const forms = (
      await inject(app, { method: 'GET', url: '/api/brain/crm/forms', headers: bearer(token) })
    ).json();
    const contact = forms.items.find((f: { name: string }) => f.name === 'Contact us');
    const fields = [
      ...contact.fields,
      { key: 'budget', label: 'Monthly budget', type: 'select', required: false, options: ['< $1k', '$1k+'] },
    ];
    const patched = await inject(app, {
      method: 'PATCH',
      url: `/api/brain/crm/forms/${contact.id}`,
      headers: bearer(token),
      payload: { fields },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await get(app, `${base}/contact`)).body).toContain('>Monthly budget');
    const pages = (
      await inject(app, { method: 'GET', url: `/api/brain/cms/sites`, headers: bearer(token) })
    ).json();
    const siteId = (pages.items ?? pages)[0].id;
    const list = (
      await inject(app, {
        method: 'GET',
        url: `/api/brain/cms/sites/${siteId}/pages?kind=page`,
        headers: bearer(token),
      })
    ).json();
    const about = (list.items ?? list).find((p: { path: string }) => p.path === '/about');
    const full = (
      await inject(app, { method: 'GET', url: `/api/brain/cms/pages/${about.id}`, headers: bearer(token) })
    ).json();
    const content = {
      ...full.content,
      blocks: [{ id: 'new', type: 'richText', html: '<p>Freshly published words</p>' }],
    };
    expect(
      (
        await inject(app, {
          method: 'PUT',
          url: `/api/brain/cms/pages/${about.id}/draft`,
          headers: bearer(token),
          payload: { content },
        })
      ).statusCode,
    ).toBe(200);
    expect((await get(app, `${base}/about`)).body).not.toContain('Freshly published words');
    expect(
      (
        await inject(app, {
          method: 'POST',
          url: `/api/brain/cms/pages/${about.id}/publish`,
          headers: bearer(token),
          payload: {},
        })
      ).statusCode,
    ).toBe(200);
    expect((await get(app, `${base}/about`)).body).toContain('Freshly published words');
  });
});
