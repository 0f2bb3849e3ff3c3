import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPreviewToken } from '../src/modules/cms/index.js';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsTenants,
  cmsViewer,
  expectField,
  makePage,
  makeSite,
  ok,
} from './cms-content-fixtures.js';

let app: FastifyInstance, a: CmsUser, b: CmsUser, siteId: string;
beforeAll(async () => {
  ({ app, a, b, siteId } = await cmsTenants());
});
afterAll(() => app?.close());

type Redirect = { id: string; fromPath: string; toUrl: string; statusCode: number };

describe('preview links', () => {
  it('signs an expiring link that names the tenant and the page', async () => {
    const p = await makePage(a, siteId, 'preview-me');
    const t0 = Date.now();
    const link = ok<{ url: string; expiresAt: string }>(
      await a.api('POST', `/pages/${p.id}/preview-link`, { expiresInMinutes: 5 }),
    );
    expect(link.url).toMatch(/^\/sites\/preview\/[\w-]+\.[\w-]+$/);
    const t1 = Date.now();
    // Whole seconds: five minutes from some moment between t0 and t1, rounded down.
    const exp = new Date(link.expiresAt).getTime();
    expect(exp % 1000).toBe(0);
    expect(exp).toBeGreaterThan(t0 - 1000 + 5 * 60_000);
    expect(exp).toBeLessThanOrEqual(t1 + 5 * 60_000);
    const token = link.url.split('/').pop()!;
    expect(verifyPreviewToken(app.hub.config, token)).toEqual({
      tenantId: a.tenantId,
      pageId: p.id,
      expiresAt: new Date(link.expiresAt),
    });
    expect(verifyPreviewToken(app.hub.config, token, new Date(exp + 1000))).toBeNull();
    const def = ok<{ expiresAt: string }>(await a.api('POST', `/pages/${p.id}/preview-link`));
    expect(new Date(def.expiresAt).getTime()).toBeGreaterThan(t0 + 59 * 60_000);
    expectField(
      await a.api('POST', `/pages/${p.id}/preview-link`, { expiresInMinutes: 0 }),
      400,
      'body.expiresInMinutes',
    );
    expectField(
      await a.api('POST', `/pages/${p.id}/preview-link`, { expiresInMinutes: 99_999 }),
      400,
      'body.expiresInMinutes',
    );
    expectProblem(await b.api('POST', `/pages/${p.id}/preview-link`), 404, 'CMS.PAGE_NOT_FOUND');
    expect((await (await cmsViewer(app)).api('POST', `/pages/${p.id}/preview-link`)).statusCode).toBe(403);
  });
});

describe('redirects', () => {
  it('creates, lists, changes and deletes redirects with normalised from paths', async () => {
    const r = ok<Redirect>(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/Old//Page/?utm=1#x', toUrl: '/new/' }),
      201,
    );
    expect(r).toMatchObject({ fromPath: '/Old/Page', toUrl: '/new', statusCode: 301 });
    const ext = ok<Redirect>(
      await a.api('POST', `/sites/${siteId}/redirects`, {
        fromPath: '/ext',
        toUrl: 'https://example.com/x?y=1',
        statusCode: 302,
      }),
      201,
    );
    expect(ext).toMatchObject({ toUrl: 'https://example.com/x?y=1', statusCode: 302 });
    expectProblem(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/Old/Page/', toUrl: '/else' }),
      409,
      'CMS.REDIRECT_EXISTS',
    );
    const list = ok<{ items: Redirect[] }>(await a.api('GET', `/sites/${siteId}/redirects`)).items;
    expect(list.map((x) => x.fromPath)).toEqual(['/Old/Page', '/ext']);
    expect(
      ok<Redirect>(await a.api('PATCH', `/redirects/${r.id}`, { toUrl: '/newer', statusCode: 308 })),
    ).toMatchObject({ toUrl: '/newer', statusCode: 308 });
    expectProblem(
      await a.api('PATCH', `/redirects/${r.id}`, { fromPath: '/ext' }),
      409,
      'CMS.REDIRECT_EXISTS',
    );
    ok(await a.api('DELETE', `/redirects/${ext.id}`));
    expectProblem(await a.api('DELETE', `/redirects/${ext.id}`), 404, 'CMS.REDIRECT_NOT_FOUND');
    expectField(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: 'no-slash', toUrl: '/x' }),
      400,
      'body.fromPath',
    );
    expectField(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/a', toUrl: 'javascript:alert(1)' }),
      400,
      'body.toUrl',
    );
    expectField(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/a', toUrl: '//evil.example' }),
      400,
      'body.toUrl',
    );
    expectField(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/a', toUrl: '/b', statusCode: 300 }),
      400,
      'body.statusCode',
    );
  });

  it('refuses loops, direct or through other redirects', async () => {
    const site = await makeSite(a);
    const base = `/sites/${site.id}/redirects`;
    expectProblem(
      await a.api('POST', base, { fromPath: '/same/', toUrl: '/same' }),
      400,
      'CMS.REDIRECT_LOOP',
    );
    ok(await a.api('POST', base, { fromPath: '/a', toUrl: '/b' }), 201);
    ok(await a.api('POST', base, { fromPath: '/b', toUrl: '/c' }), 201);
    const loop = expectProblem(
      await a.api('POST', base, { fromPath: '/c', toUrl: '/a' }),
      409,
      'CMS.REDIRECT_LOOP',
    );
    expect(loop.detail).toContain('/c → /a → /b → /c');
    const cd = ok<Redirect>(await a.api('POST', base, { fromPath: '/c', toUrl: '/d' }), 201);
    expectProblem(await a.api('PATCH', `/redirects/${cd.id}`, { toUrl: '/a' }), 409, 'CMS.REDIRECT_LOOP');
    expect(ok<{ items: unknown[] }>(await a.api('GET', base)).items).toHaveLength(3);
  });
});

describe('categories and authors', () => {
  it('manages categories per site (slug from the name, unique per site)', async () => {
    const c = ok<{ id: string; slug: string; postCount: number }>(
      await a.api('POST', `/sites/${siteId}/categories`, { name: 'Growth Hacks!' }),
      201,
    );
    expect(c).toMatchObject({ slug: 'growth-hacks', postCount: 0 });
    expectProblem(
      await a.api('POST', `/sites/${siteId}/categories`, { name: 'Other', slug: 'growth-hacks' }),
      409,
      'CMS.SLUG_TAKEN',
    );
    const other = await makeSite(a);
    ok(await a.api('POST', `/sites/${other.id}/categories`, { name: 'Growth hacks' }), 201);
    expect(
      ok(await a.api('PATCH', `/categories/${c.id}`, { name: 'Growth', description: 'd' })),
    ).toMatchObject({ name: 'Growth', slug: 'growth-hacks', description: 'd' });
    const post = await makePage(a, siteId, 'cat-post', { kind: 'post' });
    ok(await a.api('PATCH', `/pages/${post.id}`, { categoryIds: [c.id] }));
    const list = ok<{ items: { id: string; postCount: number }[] }>(
      await a.api('GET', `/sites/${siteId}/categories`),
    ).items;
    expect(list.find((x) => x.id === c.id)!.postCount).toBe(1);
    expectField(await a.api('POST', `/sites/${siteId}/categories`, { name: '' }), 400, 'body.name');
    expectField(
      await a.api('POST', `/sites/${siteId}/categories`, { name: 'x', slug: 'Not Ok' }),
      400,
      'body.slug',
    );
    ok(await a.api('DELETE', `/categories/${c.id}`));
    expect((await a.api('GET', `/pages/${post.id}`)).json().categories).toEqual([]);
  });

  it('manages authors (linked to a member; avatar media must exist)', async () => {
    const au = ok<{ id: string; slug: string; userId: string }>(
      await a.api('POST', '/authors', { name: 'Zoë Writer', bio: 'Hi', userId: a.userId }),
      201,
    );
    expect(au).toMatchObject({ slug: 'zoe-writer', userId: a.userId });
    expectField(await a.api('POST', '/authors', { name: 'x', userId: b.userId }), 400, 'body.userId');
    expectField(
      await a.api('POST', '/authors', { name: 'x', avatarMediaId: '0190c3d2-0000-7000-8000-000000000000' }),
      400,
      'body.avatarMediaId',
    );
    expectProblem(await a.api('POST', '/authors', { name: 'Zoe Writer' }), 409, 'CMS.SLUG_TAKEN');
    expect(ok(await a.api('PATCH', `/authors/${au.id}`, { bio: 'New', userId: null }))).toMatchObject({
      bio: 'New',
      userId: null,
    });
    const post = await makePage(a, siteId, 'authored', { kind: 'post' });
    ok(await a.api('PATCH', `/pages/${post.id}`, { authorId: au.id }));
    expect(ok<{ items: { id: string }[] }>(await a.api('GET', '/authors')).items.map((x) => x.id)).toContain(
      au.id,
    );
    ok(await a.api('DELETE', `/authors/${au.id}`));
    expect((await a.api('GET', `/pages/${post.id}`)).json().authorId).toBeNull();
  });
});

describe('isolation and roles', () => {
  it("tenant B cannot list, read, change or delete tenant A's redirects, categories or authors", async () => {
    const r = ok<Redirect>(
      await a.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/iso', toUrl: '/x' }),
      201,
    );
    const c = ok<{ id: string }>(await a.api('POST', `/sites/${siteId}/categories`, { name: 'Iso' }), 201);
    const au = ok<{ id: string }>(await a.api('POST', '/authors', { name: 'Iso Author' }), 201);
    expectProblem(await b.api('GET', `/sites/${siteId}/redirects`), 404, 'CMS.SITE_NOT_FOUND');
    expectProblem(
      await b.api('POST', `/sites/${siteId}/redirects`, { fromPath: '/p', toUrl: '/q' }),
      404,
      'CMS.SITE_NOT_FOUND',
    );
    expectProblem(
      await b.api('PATCH', `/redirects/${r.id}`, { toUrl: '/evil' }),
      404,
      'CMS.REDIRECT_NOT_FOUND',
    );
    expectProblem(await b.api('DELETE', `/redirects/${r.id}`), 404, 'CMS.REDIRECT_NOT_FOUND');
    expectProblem(await b.api('GET', `/sites/${siteId}/categories`), 404, 'CMS.SITE_NOT_FOUND');
    expectProblem(
      await b.api('POST', `/sites/${siteId}/categories`, { name: 'x' }),
      404,
      'CMS.SITE_NOT_FOUND',
    );
    expectProblem(await b.api('PATCH', `/categories/${c.id}`, { name: 'x' }), 404, 'CMS.CATEGORY_NOT_FOUND');
    expectProblem(await b.api('DELETE', `/categories/${c.id}`), 404, 'CMS.CATEGORY_NOT_FOUND');
    expect(
      ok<{ items: { id: string }[] }>(await b.api('GET', '/authors')).items.map((x) => x.id),
    ).not.toContain(au.id);
    expectProblem(await b.api('PATCH', `/authors/${au.id}`, { name: 'x' }), 404, 'CMS.AUTHOR_NOT_FOUND');
    expectProblem(await b.api('DELETE', `/authors/${au.id}`), 404, 'CMS.AUTHOR_NOT_FOUND');
    expect(
      ok<{ items: Redirect[] }>(await a.api('GET', `/sites/${siteId}/redirects`)).items.find(
        (x) => x.id === r.id,
      )!.toUrl,
    ).toBe('/x');
  });

  it('viewers cannot write redirects, categories or authors (403)', async () => {
    const v = await cmsViewer(app);
    const id = '0190c3d2-0000-7000-8000-000000000009';
    for (const [m, path, body] of [
      ['POST', `/sites/${id}/redirects`, { fromPath: '/a', toUrl: '/b' }],
      ['PATCH', `/redirects/${id}`, { toUrl: '/b' }],
      ['DELETE', `/redirects/${id}`, undefined],
      ['POST', `/sites/${id}/categories`, { name: 'x' }],
      ['PATCH', `/categories/${id}`, { name: 'x' }],
      ['DELETE', `/categories/${id}`, undefined],
      ['POST', '/authors', { name: 'x' }],
      ['PATCH', `/authors/${id}`, { name: 'x' }],
      ['DELETE', `/authors/${id}`, undefined],
    ] as const)
      expect((await v.api(m, path, body)).statusCode, `${m} ${path}`).toBe(403);
    expect(ok<{ items: unknown[] }>(await v.api('GET', '/authors')).items).toEqual([]);
  });
});
