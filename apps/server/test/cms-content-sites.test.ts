import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifySiteChanged } from '../src/modules/cms/index.js';
import { withTenant } from '../src/platform/db/tenant.js';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsUser,
  cmsViewer,
  expectField,
  makePage,
  makeSite,
  ok,
  q,
  uniq,
} from './cms-content-fixtures.js';
import { buildTestApp, databaseUrl } from './helpers.js';

let app: FastifyInstance;
let a: CmsUser;
let b: CmsUser;
beforeAll(async () => {
  app = await buildTestApp();
  [a, b] = await Promise.all([cmsUser(app), cmsUser(app)]);
});
afterAll(async () => {
  await app?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('sites', () => {
  it('creates sites: the first is primary, isPrimary moves the flag, exactly one stays primary', async () => {
    const u = await cmsUser(app);
    const first = await makeSite(u, { name: 'Main' });
    expect(first.isPrimary).toBe(true);
    const second = await makeSite(u, { name: 'Second' });
    expect(second.isPrimary).toBe(false);
    const third = await makeSite(u, { name: 'Third', isPrimary: true });
    expect(third.isPrimary).toBe(true);
    let list = ok<{ items: { id: string; isPrimary: boolean }[] }>(await u.api('GET', '/sites')).items;
    expect(list.filter((s) => s.isPrimary).map((s) => s.id)).toEqual([third.id]);
    expect(list[0]!.id).toBe(third.id);
    ok(await u.api('PATCH', `/sites/${second.id}`, { isPrimary: true }));
    list = ok<{ items: { id: string; isPrimary: boolean }[] }>(await u.api('GET', '/sites')).items;
    expect(list.filter((s) => s.isPrimary).map((s) => s.id)).toEqual([second.id]);
    expectProblem(
      await u.api('PATCH', `/sites/${second.id}`, { isPrimary: false }),
      409,
      'CMS.PRIMARY_SITE_REQUIRED',
    );
    // Deleting the primary site hands the flag to the oldest remaining one.
    ok(await u.api('DELETE', `/sites/${second.id}`));
    list = ok<{ items: { id: string; isPrimary: boolean }[] }>(await u.api('GET', '/sites')).items;
    expect(list.map((s) => [s.id, s.isPrimary])).toEqual([
      [first.id, true],
      [third.id, false],
    ]);
  });

  it('stores theme, navigation and settings, and validates them naming the field', async () => {
    const site = await makeSite(a, { name: 'Themed', locale: 'de' });
    const home = await makePage(a, site.id, '');
    const theme = {
      colors: { primary: '#112233', accent: '#445566', background: '#ffffff', text: '#000000' },
      font: 'Inter',
    };
    const navigation = [
      { label: 'Home', pageId: home.id },
      { label: 'Docs', url: 'https://example.com/docs' },
    ];
    const settings = { tagline: 'Hello', footer: '© Us' };
    const got = ok<Record<string, unknown>>(
      await a.api('PATCH', `/sites/${site.id}`, { theme, navigation, settings, name: 'Renamed' }),
    );
    expect(got).toMatchObject({ name: 'Renamed', locale: 'de', theme, navigation, settings });
    expect(ok(await a.api('GET', `/sites/${site.id}`))).toMatchObject({ theme, navigation, settings });
    expectField(
      await a.api('PATCH', `/sites/${site.id}`, { theme: { colors: { ...theme.colors, primary: 'red' } } }),
      400,
      'body.theme.colors.primary',
    );
    expectField(
      await a.api('PATCH', `/sites/${site.id}`, { navigation: [{ label: 'x', url: 'javascript:alert(1)' }] }),
      400,
      'body.navigation.0.url',
    );
    expectField(
      await a.api('PATCH', `/sites/${site.id}`, { navigation: [{ label: 'x' }] }),
      400,
      'body.navigation.0',
    );
    const other = await makeSite(b);
    const bPage = await makePage(b, other.id, 'b-page');
    // A page of another tenant (or another site) cannot be linked from the navigation.
    expectField(
      await a.api('PATCH', `/sites/${site.id}`, { navigation: [{ label: 'x', pageId: bPage.id }] }),
      400,
      'body.navigation.0.pageId',
    );
    expectField(
      await a.api('PATCH', `/sites/${site.id}`, {
        theme: { ...theme, logoMediaId: '0190c3d2-0000-7000-8000-000000000000' },
      }),
      400,
      'body.theme.logoMediaId',
    );
    expectField(await a.api('POST', '/sites', { name: '', handle: 'ok' }), 400, 'body.name');
    expectField(await a.api('POST', '/sites', { name: 'x', handle: 'Bad Handle' }), 400, 'body.handle');
    expectField(
      await a.api('POST', '/sites', { name: 'x', handle: uniq('h'), locale: 'english!' }),
      400,
      'body.locale',
    );
    expectProblem(
      await a.api('POST', '/sites', { name: 'dup', handle: site.handle }),
      409,
      'CMS.SITE_HANDLE_TAKEN',
    );
    expectProblem(await a.api('GET', '/sites/not-a-uuid'), 400, 'HTTP.VALIDATION_FAILED');
  });

  it('adds and removes custom domains; a pending host may be added by several tenants, once each', async () => {
    const site = await makeSite(a);
    const host = `${uniq('www')}.example.com`;
    const got = ok<{ id: string; host: string; status: string; verification: { name: string } }>(
      await a.api('POST', `/sites/${site.id}/domains`, { host: `${host.toUpperCase()}.` }),
      201,
    );
    expect(got).toMatchObject({
      host,
      status: 'pending',
      verification: { name: `_bizosaas-challenge.${host}` },
    });
    const listed = ok<{ domains: { id: string; host: string; status: string }[] }>(
      await a.api('GET', `/sites/${site.id}`),
    ).domains;
    expect(listed.map((d) => [d.id, d.host, d.status])).toEqual([[got.id, host, 'pending']]);
    expectProblem(await a.api('POST', `/sites/${site.id}/domains`, { host }), 409, 'CMS.DOMAIN_TAKEN');
    // Nobody has proven control yet (DNS verification: cms-domains-verify.test.ts).
    ok(await b.api('POST', `/sites/${(await makeSite(b)).id}/domains`, { host }), 201);
    expectField(await a.api('POST', `/sites/${site.id}/domains`, { host: 'bad host!' }), 400, 'body.host');
    // The platform's own address and names under it, localhost and IP addresses are not domains
    // a tenant may claim (the test hub's PUBLIC_URL is on localhost).
    for (const own of ['localhost', 'shop.localhost', '10.0.0.7', '10.0.0.7:8080']) {
      const res = await a.api('POST', `/sites/${site.id}/domains`, { host: own });
      expectProblem(res, 400, 'CMS.DOMAIN_NOT_ALLOWED');
      expect(res.body).toContain('host');
    }
    expectProblem(await b.api('DELETE', `/sites/${site.id}/domains/${got.id}`), 404, 'CMS.SITE_NOT_FOUND');
    const after = ok<{ domains: unknown[] }>(await a.api('DELETE', `/sites/${site.id}/domains/${got.id}`));
    expect(after.domains).toEqual([]);
    expectProblem(await a.api('DELETE', `/sites/${site.id}/domains/${got.id}`), 404, 'CMS.DOMAIN_NOT_FOUND');
  });

  it('deletes a site with its page tree, revisions, categories and redirects', async () => {
    const site = await makeSite(a);
    const parent = await makePage(a, site.id, 'parent');
    const child = await makePage(a, site.id, 'child', { parentId: parent.id });
    await makePage(a, site.id, 'grandchild', { parentId: child.id });
    ok(await a.api('POST', `/pages/${child.id}/publish`));
    ok(await a.api('POST', `/sites/${site.id}/categories`, { name: 'News' }), 201);
    ok(await a.api('POST', `/sites/${site.id}/redirects`, { fromPath: '/x', toUrl: '/y' }), 201);
    ok(await a.api('DELETE', `/sites/${site.id}`));
    expectProblem(await a.api('GET', `/pages/${child.id}`), 404, 'CMS.PAGE_NOT_FOUND');
    const left = await q<{ n: number }>(
      app,
      `select (select count(*) from cms.pages where site_id = $1) + (select count(*) from cms.redirects where site_id = $1)
        + (select count(*) from cms.categories where site_id = $1)
        + (select count(*) from cms.revisions where page_id = $2) as n`,
      [site.id, child.id],
    );
    expect(Number(left[0]!.n)).toBe(0);
  });

  it("rewrites the search vectors of live pages when the site's locale changes", async () => {
    const site = await makeSite(a, { locale: 'en' });
    const p = await makePage(a, site.id, 'run', { title: 'Running' });
    ok(await a.api('POST', `/pages/${p.id}/publish`));
    const vec = async () =>
      (await q<{ v: string }>(app, 'select search::text as v from cms.pages where id = $1', [p.id]))[0]!.v;
    expect(await vec()).toContain("'run':");
    ok(await a.api('PATCH', `/sites/${site.id}`, { locale: 'fr' }));
    expect(await vec()).toContain("'running':");
  });

  it("tenant B cannot list, read, change or delete tenant A's sites or domains", async () => {
    const site = await makeSite(a, { name: 'Private A' });
    const listB = ok<{ items: { id: string }[] }>(await b.api('GET', '/sites')).items;
    expect(listB.map((s) => s.id)).not.toContain(site.id);
    expectProblem(await b.api('GET', `/sites/${site.id}`), 404, 'CMS.SITE_NOT_FOUND');
    expectProblem(await b.api('PATCH', `/sites/${site.id}`, { name: 'Hacked' }), 404, 'CMS.SITE_NOT_FOUND');
    expectProblem(
      await b.api('POST', `/sites/${site.id}/domains`, { host: `${uniq('x')}.example.org` }),
      404,
      'CMS.SITE_NOT_FOUND',
    );
    expectProblem(await b.api('DELETE', `/sites/${site.id}`), 404, 'CMS.SITE_NOT_FOUND');
    expect(ok<{ name: string }>(await a.api('GET', `/sites/${site.id}`)).name).toBe('Private A');
  });

  it('viewers read but cannot write (403)', async () => {
    const v = await cmsViewer(app);
    expect(ok<{ items: unknown[] }>(await v.api('GET', '/sites')).items).toEqual([]);
    expectProblem(await v.api('POST', '/sites', { name: 'x', handle: uniq('v') }), 403, 'AUTH.FORBIDDEN');
    const id = (await q<{ id: string }>(app, 'select gen_random_uuid() as id'))[0]!.id;
    expect((await v.api('PATCH', `/sites/${id}`, { name: 'x' })).statusCode).toBe(403);
    expect((await v.api('DELETE', `/sites/${id}`)).statusCode).toBe(403);
  });
});

describe('notifySiteChanged', () => {
  it('reaches a LISTENing connection only after commit, and not after rollback', async () => {
    const listener = new pg.Client({ connectionString: databaseUrl() });
    await listener.connect();
    const got: string[] = [];
    listener.on('notification', (m) => {
      if (m.channel === 'cms_site_changed') got.push(m.payload ?? '');
    });
    await listener.query('listen cms_site_changed');
    try {
      const site = await makeSite(a);
      // makeSite's own notification arrives first (asynchronously), then the slate is cleared.
      for (let i = 0; i < 250 && !got.length; i++) await sleep(20);
      await sleep(200);
      got.length = 0;
      await withTenant(app.hub.systemCtx(a.tenantId), async (ctx) => {
        await notifySiteChanged(ctx, site.id);
        await sleep(300);
        expect(got).toEqual([]);
      });
      for (let i = 0; i < 250 && !got.length; i++) await sleep(20);
      expect(got).toEqual([`${a.tenantId}:${site.id}`]);
      got.length = 0;
      await expect(
        withTenant(app.hub.systemCtx(a.tenantId), async (ctx) => {
          await notifySiteChanged(ctx, '*');
          throw new Error('roll back');
        }),
      ).rejects.toThrow('roll back');
      // A route that changes public output notifies too.
      ok(await a.api('PATCH', `/sites/${site.id}`, { settings: { tagline: 'New' } }));
      for (let i = 0; i < 250 && !got.length; i++) await sleep(20);
      expect(got).toEqual([`${a.tenantId}:${site.id}`]);
    } finally {
      await listener.end();
    }
  });
});
