import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsTenants,
  cmsViewer,
  expectField,
  makePage,
  makeSite,
  ok,
  type PageJson,
  q,
} from './cms-content-fixtures.js';

/** Tenant isolation and the viewer role for pages, posts and revisions. */
let app: FastifyInstance, a: CmsUser, b: CmsUser, siteId: string;
beforeAll(async () => {
  ({ app, a, b, siteId } = await cmsTenants());
});
afterAll(() => app?.close());

let n = 0;
const newPage = async () => makePage(a, siteId, `p${n++}`);

describe('isolation and roles', () => {
  it("tenant B cannot list, read, change, move, publish or delete tenant A's pages, nor use A's site", async () => {
    const site = await makeSite(a);
    const page = await makePage(a, site.id, 'secret');
    const bSite = await makeSite(b);
    const bPage = await makePage(b, bSite.id, 'mine');
    expectProblem(await b.api('GET', `/sites/${site.id}/pages`), 404, 'CMS.SITE_NOT_FOUND');
    expectProblem(await b.api('GET', `/pages/${page.id}`), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(await b.api('PATCH', `/pages/${page.id}`, { slug: 'x' }), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(
      await b.api('PUT', `/pages/${page.id}/draft`, { content: { title: 'x', blocks: [] } }),
      404,
      'CMS.PAGE_NOT_FOUND',
    );
    expectProblem(
      await b.api('POST', `/pages/${page.id}/move`, { parentId: null, position: 0 }),
      404,
      'CMS.PAGE_NOT_FOUND',
    );
    expectProblem(await b.api('POST', `/pages/${page.id}/publish`), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(await b.api('POST', `/pages/${page.id}/unpublish`), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(
      await b.api('PUT', `/pages/${page.id}/schedule`, { publishAt: null, unpublishAt: null }),
      404,
      'CMS.PAGE_NOT_FOUND',
    );
    expectProblem(await b.api('DELETE', `/pages/${page.id}`), 404, 'CMS.PAGE_NOT_FOUND');
    // B cannot point a page at A's site, nor hang it under A's page, nor move its page under A's.
    const before = await q(app, 'select count(*)::int as n from cms.pages where site_id = $1', [site.id]);
    const res = expectProblem(
      await b.api('POST', '/pages', { siteId: site.id, slug: 'x', title: 'x' }),
      404,
      'CMS.SITE_NOT_FOUND',
    );
    expect(res.detail).toContain('body.siteId');
    expectField(
      await b.api('POST', '/pages', { siteId: bSite.id, slug: 'x', title: 'x', parentId: page.id }),
      400,
      'body.parentId',
    );
    expectField(
      await b.api('POST', `/pages/${bPage.id}/move`, { parentId: page.id, position: 0 }),
      400,
      'body.parentId',
    );
    expect(await q(app, 'select count(*)::int as n from cms.pages where site_id = $1', [site.id])).toEqual(
      before,
    );
    expect(ok<PageJson>(await a.api('GET', `/pages/${page.id}`)).status).toBe('draft');
  });

  it('viewers cannot write pages (403)', async () => {
    const v = await cmsViewer(app);
    const [{ id }] = (await q<{ id: string }>(app, 'select gen_random_uuid() as id')) as [{ id: string }];
    expect((await v.api('POST', '/pages', { siteId: id, slug: 'x', title: 'x' })).statusCode).toBe(403);
    for (const [m, path, body] of [
      ['PATCH', `/pages/${id}`, {}],
      ['PUT', `/pages/${id}/draft`, { content: { title: 'x', blocks: [] } }],
      ['POST', `/pages/${id}/move`, { parentId: null, position: 0 }],
      ['POST', `/pages/${id}/publish`, {}],
      ['POST', `/pages/${id}/unpublish`, undefined],
      ['DELETE', `/pages/${id}`, undefined],
    ] as const)
      expect((await v.api(m, path, body)).statusCode, `${m} ${path}`).toBe(403);
    expectProblem(await v.api('GET', `/pages/${id}`), 404, 'CMS.PAGE_NOT_FOUND');
  });
});

describe('revisions: isolation and roles', () => {
  it("tenant B cannot list, read, diff or restore tenant A's revisions; viewers cannot restore", async () => {
    const p = await newPage();
    const rev = ok<{ items: { id: string }[] }>(await a.api('GET', `/pages/${p.id}/revisions`)).items[0]!;
    expectProblem(await b.api('GET', `/pages/${p.id}/revisions`), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(await b.api('GET', `/pages/${p.id}/revisions/${rev.id}`), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(await b.api('GET', `/pages/${p.id}/revisions/${rev.id}/diff`), 404, 'CMS.PAGE_NOT_FOUND');
    expectProblem(
      await b.api('POST', `/pages/${p.id}/revisions/${rev.id}/restore`),
      404,
      'CMS.PAGE_NOT_FOUND',
    );
    // B's own page with A's revision id: still not found.
    const bp = await makePage(b, (await makeSite(b)).id, 'bp');
    expectProblem(
      await b.api('POST', `/pages/${bp.id}/revisions/${rev.id}/restore`),
      404,
      'CMS.REVISION_NOT_FOUND',
    );
    const v = await cmsViewer(app);
    expect((await v.api('POST', `/pages/${p.id}/revisions/${rev.id}/restore`)).statusCode).toBe(403);
    expect(ok<{ items: unknown[] }>(await a.api('GET', `/pages/${p.id}/revisions`)).items).toHaveLength(1);
  });
});
