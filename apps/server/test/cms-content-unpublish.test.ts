import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsTenants,
  expectField,
  makePage,
  ok,
  type PageJson,
  q,
} from './cms-content-fixtures.js';

let app: FastifyInstance;
let a: CmsUser;
let b: CmsUser;
let site: { id: string };
let base: string;
beforeAll(async () => {
  let siteId: string;
  ({ app, a, b, siteId } = await cmsTenants());
  site = { id: siteId };
  // A tenant's first site is its primary one, at /sites/<tenant-slug>/.
  const [tenant] = await q<{ slug: string }>(app, 'select slug from identity.tenants where id = $1', [
    a.tenantId,
  ]);
  base = `/sites/${tenant?.slug}`;
});
afterAll(async () => {
  await app?.close();
});

const publish = async (p: PageJson) => ok<PageJson>(await a.api('POST', `/pages/${p.id}/publish`));
const status = async (p: PageJson) => ok<PageJson>(await a.api('GET', `/pages/${p.id}`)).status;
const served = async (path: string) =>
  (await app.inject({ method: 'GET', url: `${base}${path}` })).statusCode;

/** /services with /services/seo and /services/seo/local, all live; /services/draft never published; /about live. */
async function section(prefix: string) {
  const services = await makePage(a, site.id, `${prefix}-services`);
  const seo = await makePage(a, site.id, 'seo', { parentId: services.id });
  const local = await makePage(a, site.id, 'local', { parentId: seo.id });
  const draft = await makePage(a, site.id, 'draft', { parentId: services.id });
  const about = await makePage(a, site.id, `${prefix}-about`);
  for (const p of [services, seo, local, about]) await publish(p);
  return { services, seo, local, draft, about };
}

describe('unpublishing a page with live pages below it', () => {
  it('leaves the pages below live by default, as Wagtail does', async () => {
    const s = await section('keep');
    const res = ok<PageJson & { unpublishedDescendants: number }>(
      await a.api('POST', `/pages/${s.services.id}/unpublish`),
    );
    expect(res).toMatchObject({ status: 'unpublished', unpublishedDescendants: 0 });
    expect(await status(s.seo)).toBe('published');
    expect(await served(`/keep-services`)).toBe(404);
    expect(await served(`/keep-services/seo/local`)).toBe(200);
  });

  it('takes every live descendant down with descendants: true, one event each, and nothing outside the section', async () => {
    const s = await section('all');
    expect(await served('/all-services/seo')).toBe(200);
    const res = ok<PageJson & { unpublishedDescendants: number }>(
      await a.api('POST', `/pages/${s.services.id}/unpublish`, { descendants: true }),
    );
    expect(res).toMatchObject({ id: s.services.id, status: 'unpublished', unpublishedDescendants: 2 });
    expect(await status(s.seo)).toBe('unpublished');
    expect(await status(s.local)).toBe('unpublished');
    expect(await status(s.draft)).toBe('draft');
    expect(await status(s.about)).toBe('published');
    for (const path of ['/all-services', '/all-services/seo', '/all-services/seo/local'])
      expect(await served(path), path).toBe(404);
    expect(await served('/all-about')).toBe(200);
    const events = await q<{ id: string }>(
      app,
      `select subject_id as id from platform.events
        where tenant_id = $1 and type = 'cms.page.unpublished' and subject_id = any($2::uuid[])`,
      [a.tenantId, [s.services.id, s.seo.id, s.local.id, s.about.id]],
    );
    expect(events.map((e) => e.id).sort()).toEqual([s.services.id, s.seo.id, s.local.id].sort());
    // The drafts stay: publishing the child again puts it back.
    await publish(s.seo);
    expect(await served('/all-services/seo')).toBe(200);
  });

  it('names a bad body field, and tenant B cannot take down tenant A’s pages', async () => {
    const s = await section('bad');
    expectField(
      await a.api('POST', `/pages/${s.services.id}/unpublish`, { descendants: 'yes' }),
      400,
      'descendants',
    );
    expectProblem(
      await b.api('POST', `/pages/${s.services.id}/unpublish`, { descendants: true }),
      404,
      'CMS.PAGE_NOT_FOUND',
    );
    expect(await status(s.services)).toBe('published');
    expect(await status(s.seo)).toBe('published');
  });
});
