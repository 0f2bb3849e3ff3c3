import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createVerifiedUser, inject, passwordGrant } from './auth-helpers.js';
import { buildTestApp } from './helpers.js';
import { eventually, get } from './sites-fixtures.js';

/**
 * A publish that no HTTP request of this process makes (a scheduled job run by the worker) reaches
 * the public cache only through NOTIFY on commit: the LISTEN path, end to end with the content API.
 */
let app: FastifyInstance;
let token: string;
let slug: string;

beforeAll(async () => {
  app = await buildTestApp({ RUN_WORKER: 'true' });
  const u = await createVerifiedUser(app);
  token = (await passwordGrant(app, u.email, u.password)).access_token;
  slug = (await app.hub.db.admin.query('select slug from identity.tenants where id = $1', [u.tenantId]))
    .rows[0].slug;
});
afterAll(async () => app?.close());

const api = (method: 'POST' | 'PUT', url: string, payload?: object) =>
  inject(app, { method, url: `/api/brain/cms${url}`, headers: bearer(token), payload });
const content = (text: string) => ({
  title: 'News',
  blocks: [{ id: 'p', type: 'richText', html: `<p>${text}</p>` }],
  seo: {},
});

describe('scheduled publishing and the public cache', () => {
  it('a scheduled publish and unpublish by the job worker show on the public site', async () => {
    const site = (await api('POST', '/sites', { name: 'Scheduled', handle: 'www' })).json();
    const page = await api('POST', '/pages', { siteId: site.id, kind: 'page', slug: 'news', title: 'News' });
    expect(page.statusCode, page.body).toBe(201);
    const id = page.json().id as string;
    expect((await api('PUT', `/pages/${id}/draft`, { content: content('first edition') })).statusCode).toBe(
      200,
    );
    expect((await api('POST', `/pages/${id}/publish`)).statusCode).toBe(200);
    expect((await get(app, `/sites/${slug}/news`)).body).toContain('first edition'); // cached now

    expect((await api('PUT', `/pages/${id}/draft`, { content: content('second edition') })).statusCode).toBe(
      200,
    );
    const at = new Date(Date.now() + 1500).toISOString();
    const sched = await api('PUT', `/pages/${id}/schedule`, { publishAt: at, unpublishAt: null });
    expect(sched.statusCode, sched.body).toBe(200);
    expect((await get(app, `/sites/${slug}/news`)).body).toContain('first edition');
    await eventually(
      async () => (await get(app, `/sites/${slug}/news`)).body.includes('second edition'),
      15_000,
    );

    const off = new Date(Date.now() + 1500).toISOString();
    expect(
      (await api('PUT', `/pages/${id}/schedule`, { publishAt: null, unpublishAt: off })).statusCode,
    ).toBe(200);
    expect((await get(app, `/sites/${slug}/news`)).statusCode).toBe(200);
    await eventually(async () => (await get(app, `/sites/${slug}/news`)).statusCode === 404, 15_000);
  }, 40_000);
});
