import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signPreviewToken } from '../src/modules/cms/index.js';
import { sitesRuntime } from '../src/modules/sites/index.js';
import { bearer, createVerifiedUser, inject, passwordGrant } from './auth-helpers.js';
import { buildTestApp } from './helpers.js';
import { eventually, get, markDomainVerified } from './sites-fixtures.js';

/** The publish → public path through the real content API: cache, ETag, invalidation, preview. */
let app: FastifyInstance;
interface Owner {
  token: string;
  tenantId: string;
  slug: string;
  siteId: string;
}
let a: Owner;
let b: Owner;

const api = (o: Owner, method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  inject(app, { method, url: `/api/brain/cms${url}`, headers: bearer(o.token), payload });

async function owner(name: string): Promise<Owner> {
  const u = await createVerifiedUser(app);
  const token = (await passwordGrant(app, u.email, u.password)).access_token;
  const { rows } = await app.hub.db.admin.query('select slug from identity.tenants where id = $1', [
    u.tenantId,
  ]);
  const o = { token, tenantId: u.tenantId, slug: rows[0].slug as string, siteId: '' };
  const site = await api(o, 'POST', '/sites', { name, handle: 'www' });
  expect(site.statusCode, site.body).toBe(201);
  o.siteId = site.json().id;
  return o;
}

const content = (title: string, text: string) => ({
  title,
  blocks: [{ id: 'p', type: 'richText', html: `<p>${text}</p>` }],
  seo: {},
});

async function page(o: Owner, slug: string, title: string, text: string, publish = true) {
  const res = await api(o, 'POST', '/pages', { siteId: o.siteId, kind: 'page', slug, title });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await api(o, 'PUT', `/pages/${id}/draft`, { content: content(title, text) })).statusCode).toBe(200);
  if (publish) expect((await api(o, 'POST', `/pages/${id}/publish`, {})).statusCode).toBe(200);
  return id;
}

let homeA: string;
beforeAll(async () => {
  app = await buildTestApp();
  a = await owner('Alpha');
  b = await owner('Bravo');
  homeA = await page(a, '', 'Alpha home', 'alpha version one');
  await page(b, '', 'Bravo home', 'bravo only');
  await page(b, 'pricing', 'Bravo pricing', 'bravo prices');
});
afterAll(async () => app?.close());

describe('publishing and the public cache', () => {
  it('serves with ETag and Cache-Control, and 304 on If-None-Match', async () => {
    const first = await get(app, `/sites/${a.slug}/`);
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain('alpha version one');
    expect(first.headers['cache-control']).toBe('public, max-age=0, must-revalidate, s-maxage=30');
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{27}"$/);
    const again = await get(app, `/sites/${a.slug}/`, { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    const other = await get(app, `/sites/${a.slug}/`, { 'if-none-match': '"something-else"' });
    expect(other.statusCode).toBe(200);
    // Browsers get the gzipped copy made once when the page was cached, with its own ETag.
    const gz = await get(app, `/sites/${a.slug}/`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('accept-encoding');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(first.body);
    expect(gz.headers.etag).toBe(`${etag.slice(0, -1)}-gz"`);
    const gz304 = await get(app, `/sites/${a.slug}/`, {
      'accept-encoding': 'gzip',
      'if-none-match': gz.headers.etag as string,
    });
    expect(gz304.statusCode).toBe(304);
  });

  it('a new draft is not served; publishing it is visible on the very next request', async () => {
    const before = await get(app, `/sites/${a.slug}/`);
    expect(
      (await api(a, 'PUT', `/pages/${homeA}/draft`, { content: content('Alpha home', 'alpha version two') }))
        .statusCode,
    ).toBe(200);
    expect((await get(app, `/sites/${a.slug}/`)).body).toContain('alpha version one');
    expect((await api(a, 'POST', `/pages/${homeA}/publish`, {})).statusCode).toBe(200);
    const after = await get(app, `/sites/${a.slug}/`, { 'if-none-match': before.headers.etag as string });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('alpha version two');
    expect(after.headers.etag).not.toBe(before.headers.etag);
  });

  it('unpublishing takes the page down at once', async () => {
    const id = await page(a, 'promo', 'Promo', 'limited offer');
    expect((await get(app, `/sites/${a.slug}/promo`)).statusCode).toBe(200);
    expect((await api(a, 'POST', `/pages/${id}/unpublish`, {})).statusCode).toBe(200);
    const res = await get(app, `/sites/${a.slug}/promo`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('limited offer');
  });

  it('serves a cached page without the database, and drops it when another process notifies', async () => {
    await get(app, `/sites/${a.slug}/`);
    // A change written by "another process": the row changes, this process has not heard of it yet.
    await app.hub.db.admin.query(
      `update cms.pages set published = jsonb_set(published, '{blocks,0,html}', '"<p>changed elsewhere</p>"') where id = $1`,
      [homeA],
    );
    expect((await get(app, `/sites/${a.slug}/`)).body).toContain('alpha version two');
    await app.hub.db.admin.query(`select pg_notify('cms_site_changed', $1)`, [`${a.tenantId}:${a.siteId}`]);
    await eventually(async () => (await get(app, `/sites/${a.slug}/`)).body.includes('changed elsewhere'));
  });

  it('LISTENs again after losing its connection', async () => {
    const rt = sitesRuntime(app.hub)!;
    const old = rt.listener.client;
    await app.hub.db.admin.query(
      `select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bizosaas-sites-listen' and datname = current_database()`,
    );
    await eventually(() => rt.listener.client !== undefined && rt.listener.client !== old);
    await eventually(async () => {
      const { rows } = await app.hub.db.admin.query(
        `select count(*)::int as n from pg_stat_activity where application_name = 'bizosaas-sites-listen' and datname = current_database() and query ilike 'listen%'`,
      );
      return rows[0].n === 1;
    });
    await get(app, `/sites/${a.slug}/`);
    await app.hub.db.admin.query(
      `update cms.pages set published = jsonb_set(published, '{blocks,0,html}', '"<p>after reconnect</p>"') where id = $1`,
      [homeA],
    );
    await app.hub.db.admin.query(`select pg_notify('cms_site_changed', $1)`, [`${a.tenantId}:*`]);
    await eventually(async () => (await get(app, `/sites/${a.slug}/`)).body.includes('after reconnect'));
  });
});

describe('tenant isolation of public sites', () => {
  it("never serves tenant B's page under tenant A's slug", async () => {
    expect((await get(app, `/sites/${b.slug}/pricing`)).statusCode).toBe(200);
    const res = await get(app, `/sites/${a.slug}/pricing`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('bravo prices');
  });

  it('answers a custom domain with its own tenant only; the API keeps working on the hub host', async () => {
    // Asked before it is a domain: not a site (and the miss is remembered) …
    expect((await get(app, '/', { host: `www.${a.slug}.example` })).body).not.toContain('Alpha home');
    // … and forgotten as soon as the domain is verified (the change notification). DNS verification
    // itself is cms-domains-verify.test.ts's subject: here the fixture marks the domains verified.
    expect(
      (await api(a, 'POST', `/sites/${a.siteId}/domains`, { host: `www.${a.slug}.example` })).statusCode,
    ).toBe(201);
    expect(
      (await api(b, 'POST', `/sites/${b.siteId}/domains`, { host: `www.${b.slug}.example` })).statusCode,
    ).toBe(201);
    await markDomainVerified(app, a.tenantId, `www.${a.slug}.example`);
    await markDomainVerified(app, b.tenantId, `www.${b.slug}.example`);
    // B may claim A's host (pending, told that another account holds it); A keeps serving on it.
    const claim = await api(b, 'POST', `/sites/${b.siteId}/domains`, { host: `www.${a.slug}.example` });
    expect(claim.statusCode).toBe(201);
    expect(claim.json()).toMatchObject({ status: 'pending', heldElsewhere: true });
    await eventually(async () => (await get(app, '/', { host: `www.${a.slug}.example` })).statusCode === 200);
    const onA = await get(app, '/', { host: `www.${a.slug}.example` });
    expect(onA.statusCode).toBe(200);
    expect(onA.body).toContain('<title>Alpha home');
    expect(onA.body).toContain(`<link rel="canonical" href="http://www.${a.slug}.example/">`);
    // HSTS binds the tenant's host, never the subdomains of a domain the hub does not own.
    expect(onA.headers['strict-transport-security']).toBe('max-age=31536000');
    expect((await get(app, `/sites/${a.slug}/`)).headers['strict-transport-security']).toContain(
      'includeSubDomains',
    );
    const bOnA = await get(app, '/pricing', { host: `www.${a.slug}.example` });
    expect(bOnA.statusCode).toBe(404);
    expect(bOnA.body).not.toContain('bravo');
    expect((await get(app, '/pricing', { host: `www.${b.slug}.example` })).body).toContain('bravo prices');
    // The slug address of a site with a domain names the domain as canonical.
    expect((await get(app, `/sites/${a.slug}/`)).body).toContain(
      `<link rel="canonical" href="https://www.${a.slug}.example/">`,
    );
    // Unknown hosts and the hub's own host still reach the API and not a site.
    const me = await inject(app, {
      method: 'GET',
      url: '/api/brain/cms/sites',
      headers: { ...bearer(a.token), host: `www.${a.slug}.example` },
    });
    expect(me.statusCode).toBe(200);
    const health = await app.inject({ method: 'GET', url: '/health', headers: { host: 'unknown.example' } });
    expect(health.statusCode).toBe(200);
    const hub = await app.inject({ method: 'GET', url: '/health' });
    expect(hub.statusCode).toBe(200);
    const postOnSite = await app.inject({
      method: 'POST',
      url: '/',
      headers: { host: `www.${a.slug}.example` },
    });
    expect(postOnSite.statusCode).toBe(405);
  });
});

describe('preview links', () => {
  it('renders the draft behind a signed link: banner, noindex, no caching', async () => {
    const id = await page(a, 'coming-soon', 'Coming soon', 'secret draft text', false);
    expect((await get(app, `/sites/${a.slug}/coming-soon`)).statusCode).toBe(404);
    const link = await api(a, 'POST', `/pages/${id}/preview-link`, { expiresInMinutes: 5 });
    expect(link.statusCode, link.body).toBe(200);
    const res = await get(app, link.json().url);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('secret draft text');
    expect(res.body).toContain('<div class="preview-banner" role="status">Preview');
    expect(res.body).toContain('<meta name="robots" content="noindex, nofollow">');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(res.headers.etag).toBeUndefined();
  });

  it('refuses forged, altered and expired tokens, and a token never crosses tenants', async () => {
    const id = await page(a, 'draft-two', 'Draft two', 'second draft', false);
    const { url } = (await api(a, 'POST', `/pages/${id}/preview-link`, {})).json() as { url: string };
    const token = url.split('/').pop()!;
    const [body, sig] = token.split('.');
    const altered = `${Buffer.from(JSON.stringify({ t: b.tenantId, p: id, e: 9999999999 })).toString('base64url')}.${sig}`;
    for (const bad of [`${body}.${'A'.repeat(sig!.length)}`, altered, 'garbage', `${body}.${sig}.x`])
      expect((await get(app, `/sites/preview/${bad}`)).statusCode).toBe(403);
    const expired = signPreviewToken(app.hub.config, {
      tenantId: a.tenantId,
      pageId: id,
      expiresAt: new Date(Date.now() - 1000),
    });
    expect((await get(app, `/sites/preview/${expired}`)).statusCode).toBe(403);
    // Genuinely signed, but naming tenant B with A's page: row-level security finds nothing.
    const crossed = signPreviewToken(app.hub.config, {
      tenantId: b.tenantId,
      pageId: id,
      expiresAt: new Date(Date.now() + 60_000),
    });
    const res = await get(app, `/sites/preview/${crossed}`);
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain('second draft');
  });
});
