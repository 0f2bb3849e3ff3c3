import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsTenants,
  expectField,
  makePage,
  makeSite,
  ok,
  type PageJson,
  q,
  tree,
} from './cms-content-fixtures.js';

let app: FastifyInstance, a: CmsUser, b: CmsUser;
beforeAll(async () => {
  ({ app, a, b } = await cmsTenants({ site: false }));
});
afterAll(() => app?.close());

const byId = <T extends { id: string }>(items: T[]) => new Map(items.map((i) => [i.id, i]));

describe('pages tree', () => {
  it('creates pages with paths from their parents; a path is unique per site (409 naming it)', async () => {
    const site = await makeSite(a);
    const home = await makePage(a, site.id, '');
    expect(home).toMatchObject({ path: '/', parentId: null, position: 0, status: 'draft', kind: 'page' });
    const services = await makePage(a, site.id, 'services');
    expect(services).toMatchObject({ path: '/services', position: 1 });
    const seo = await makePage(a, site.id, 'seo', { parentId: services.id });
    expect(seo).toMatchObject({ path: '/services/seo', parentId: services.id, position: 0 });
    const underHome = await makePage(a, site.id, 'team', { parentId: home.id });
    expect(underHome.path).toBe('/team');
    const dup = expectProblem(
      await a.api('POST', '/pages', { siteId: site.id, slug: 'seo', parentId: services.id, title: 'x' }),
      409,
      'CMS.PATH_TAKEN',
    );
    expect(dup.detail).toContain('/services/seo');
    expectProblem(
      await a.api('POST', '/pages', { siteId: site.id, slug: 'team', title: 'x' }),
      409,
      'CMS.PATH_TAKEN',
    );
    expectField(
      await a.api('POST', '/pages', { siteId: site.id, slug: '', parentId: services.id, title: 'x' }),
      400,
      'body.slug',
    );
    expectField(
      await a.api('POST', '/pages', { siteId: site.id, slug: 'Bad Slug', title: 'x' }),
      400,
      'body.slug',
    );
    expectField(await a.api('POST', '/pages', { siteId: site.id, slug: 'x', title: '' }), 400, 'body.title');
    expectField(
      await a.api('POST', '/pages', { siteId: site.id, slug: 'x', title: 't', kind: 'news' }),
      400,
      'body.kind',
    );
    const post = await makePage(a, site.id, 'hello', { kind: 'post' });
    expect(post).toMatchObject({ path: '/blog/hello', kind: 'post', parentId: null });
    expectField(
      await a.api('POST', '/pages', {
        siteId: site.id,
        slug: 'p2',
        title: 'x',
        kind: 'post',
        parentId: services.id,
      }),
      400,
      'body.parentId',
    );
    expectField(
      await a.api('POST', '/pages', { siteId: site.id, slug: '', title: 'x', kind: 'post' }),
      400,
      'body.slug',
    );
    const other = await makeSite(a);
    expectField(
      await a.api('POST', '/pages', { siteId: other.id, slug: 'y', title: 'y', parentId: services.id }),
      400,
      'body.parentId',
    );
    // The same path on another site is fine.
    expect((await makePage(a, other.id, 'services')).path).toBe('/services');
    const full = ok<PageJson>(await a.api('GET', `/pages/${seo.id}`));
    expect(full).toMatchObject({
      content: { title: 'Title seo', blocks: [] },
      published: null,
      categories: [],
      tags: [],
    });
    expect(full.draftRevisionId).toBeTruthy();
  });

  it('moves and reorders among siblings with dense positions, and recomputes descendant paths', async () => {
    const site = await makeSite(a);
    const s = await makePage(a, site.id, 'services');
    const kids: PageJson[] = [];
    for (const slug of ['a', 'b', 'c', 'd']) kids.push(await makePage(a, site.id, slug, { parentId: s.id }));
    const grand = await makePage(a, site.id, 'deep', { parentId: kids[1]!.id });
    ok(await a.api('POST', `/pages/${kids[3]!.id}/move`, { parentId: s.id, position: 0 }));
    let t = byId(await tree(a, site.id));
    expect(kids.map((k) => t.get(k.id)!.position)).toEqual([1, 2, 3, 0]);
    // Move b (with its child) to the top level at position 0: paths follow, both sides stay dense.
    const moved = ok<PageJson>(
      await a.api('POST', `/pages/${kids[1]!.id}/move`, { parentId: null, position: 0 }),
    );
    expect(moved).toMatchObject({ path: '/b', parentId: null, position: 0 });
    t = byId(await tree(a, site.id));
    expect(t.get(grand.id)!.path).toBe('/b/deep');
    expect(t.get(s.id)!.position).toBe(1);
    const siblings = [...t.values()]
      .filter((p) => p.parentId === s.id)
      .sort((x, y) => x.position - y.position);
    expect(siblings.map((p) => [p.slug, p.position])).toEqual([
      ['d', 0],
      ['a', 1],
      ['c', 2],
    ]);
    // A position past the end is the end.
    ok(await a.api('POST', `/pages/${kids[0]!.id}/move`, { parentId: s.id, position: 99 }));
    expect(byId(await tree(a, site.id)).get(kids[0]!.id)!.position).toBe(2);
    expectField(
      await a.api('POST', `/pages/${s.id}/move`, { parentId: kids[2]!.id, position: 0 }),
      400,
      'body.parentId',
    );
    expectField(
      await a.api('POST', `/pages/${s.id}/move`, { parentId: s.id, position: 0 }),
      400,
      'body.parentId',
    );
    expectField(
      await a.api('POST', `/pages/${s.id}/move`, { parentId: s.id, position: -1 }),
      400,
      'body.position',
    );
    // A move onto a taken path is refused as a whole.
    await makePage(a, site.id, 'deep', { parentId: s.id });
    expectProblem(
      await a.api('POST', `/pages/${grand.id}/move`, { parentId: s.id, position: 0 }),
      409,
      'CMS.PATH_TAKEN',
    );
    expect(byId(await tree(a, site.id)).get(grand.id)!.path).toBe('/b/deep');
  });

  it('keeps positions dense and distinct under concurrent creates and moves', async () => {
    const site = await makeSite(a);
    const parent = await makePage(a, site.id, 'hub');
    const made = await Promise.all(
      Array.from({ length: 8 }, (_, i) => makePage(a, site.id, `k${i}`, { parentId: parent.id })),
    );
    await Promise.all(
      made
        .slice(0, 4)
        .map((p, i) => a.api('POST', `/pages/${p.id}/move`, { parentId: parent.id, position: i % 2 })),
    );
    const kids = (await tree(a, site.id)).filter((p) => p.parentId === parent.id);
    expect(kids.map((k) => k.position).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it('renaming or moving a live page leaves 301 redirects from the old paths; drafts leave none', async () => {
    const site = await makeSite(a);
    const about = await makePage(a, site.id, 'about');
    const team = await makePage(a, site.id, 'team', { parentId: about.id });
    const draft = await makePage(a, site.id, 'draft', { parentId: about.id });
    ok(await a.api('POST', `/pages/${about.id}/publish`, {}));
    ok(await a.api('POST', `/pages/${team.id}/publish`, {}));
    const renamed = ok<PageJson>(await a.api('PATCH', `/pages/${about.id}`, { slug: 'company' }));
    expect(renamed.path).toBe('/company');
    const redirects = async () =>
      ok<{ items: { fromPath: string; toUrl: string; statusCode: number }[] }>(
        await a.api('GET', `/sites/${site.id}/redirects`),
      ).items.map((r) => [r.fromPath, r.toUrl, r.statusCode]);
    expect(await redirects()).toEqual([
      ['/about', '/company', 301],
      ['/about/team', '/company/team', 301],
    ]);
    expect(byId(await tree(a, site.id)).get(draft.id)!.path).toBe('/company/draft');
    // Back again: the redirects follow, and none loops.
    ok(await a.api('PATCH', `/pages/${about.id}`, { slug: 'about' }));
    expect(await redirects()).toEqual([
      ['/company', '/about', 301],
      ['/company/team', '/about/team', 301],
    ]);
  });

  it('deletes a page only without children; siblings close up; an event is written', async () => {
    const site = await makeSite(a);
    const p = await makePage(a, site.id, 'parent');
    const c1 = await makePage(a, site.id, 'one', { parentId: p.id });
    const c2 = await makePage(a, site.id, 'two', { parentId: p.id });
    const res = expectProblem(await a.api('DELETE', `/pages/${p.id}`), 409, 'CMS.PAGE_HAS_CHILDREN');
    expect(res.detail).toContain('/parent');
    ok(await a.api('DELETE', `/pages/${c1.id}`));
    expect(byId(await tree(a, site.id)).get(c2.id)!.position).toBe(0);
    expectProblem(await a.api('GET', `/pages/${c1.id}`), 404, 'CMS.PAGE_NOT_FOUND');
    const ev = await q<{ type: string; data: { path: string } }>(
      app,
      `select type, data from platform.events where subject_id = $1`,
      [c1.id],
    );
    expect(ev).toEqual([
      { type: 'cms.page.deleted', data: expect.objectContaining({ path: '/parent/one' }) },
    ]);
    expectProblem(await a.api('DELETE', `/pages/${c1.id}`), 404, 'CMS.PAGE_NOT_FOUND');
  });

  it('lists pages and posts with kind, status and text filters', async () => {
    const site = await makeSite(a);
    await makePage(a, site.id, 'pricing', { title: 'Pricing plans' });
    const post = await makePage(a, site.id, 'launch', { kind: 'post', title: 'We launched' });
    ok(await a.api('POST', `/pages/${post.id}/publish`));
    const list = async (qs: string) =>
      ok<{ items: { slug: string }[] }>(await a.api('GET', `/sites/${site.id}/pages?${qs}`)).items.map(
        (i) => i.slug,
      );
    expect(await list('kind=post')).toEqual(['launch']);
    expect(await list('status=published')).toEqual(['launch']);
    expect(await list('q=pricing')).toEqual(['pricing']);
    expect((await list('')).sort()).toEqual(['launch', 'pricing']);
    expectField(await a.api('GET', `/sites/${site.id}/pages?status=live`), 400, 'querystring.status');
  });
});

describe('posts: categories, tags, author', () => {
  it('sets categories of the same site, tags and an author; refuses foreign ids naming the field', async () => {
    const site = await makeSite(a);
    const post = await makePage(a, site.id, 'first', { kind: 'post' });
    const news = ok<{ id: string }>(
      await a.api('POST', `/sites/${site.id}/categories`, { name: 'News' }),
      201,
    );
    const tips = ok<{ id: string }>(
      await a.api('POST', `/sites/${site.id}/categories`, { name: 'Tips' }),
      201,
    );
    const author = ok<{ id: string }>(await a.api('POST', '/authors', { name: 'Ada Writer' }), 201);
    const got = ok<PageJson>(
      await a.api('PATCH', `/pages/${post.id}`, {
        categoryIds: [news.id, tips.id],
        tags: ['seo', 'growth'],
        authorId: author.id,
      }),
    );
    expect(got.categories.map((c) => c.name)).toEqual(['News', 'Tips']);
    expect(got).toMatchObject({ tags: ['seo', 'growth'], authorId: author.id });
    const otherSite = await makeSite(a);
    const foreign = ok<{ id: string }>(
      await a.api('POST', `/sites/${otherSite.id}/categories`, { name: 'Else' }),
      201,
    );
    expectField(
      await a.api('PATCH', `/pages/${post.id}`, { categoryIds: [news.id, foreign.id] }),
      400,
      'body.categoryIds.1',
    );
    const bAuthor = ok<{ id: string }>(await b.api('POST', '/authors', { name: 'B writer' }), 201);
    expectField(await a.api('PATCH', `/pages/${post.id}`, { authorId: bAuthor.id }), 400, 'body.authorId');
    expectField(await a.api('PATCH', `/pages/${post.id}`, { tags: [''] }), 400, 'body.tags.0');
    const page = await makePage(a, site.id, 'plain');
    expectField(
      await a.api('PATCH', `/pages/${page.id}`, { categoryIds: [news.id] }),
      400,
      'body.categoryIds',
    );
    // Renaming a post keeps it under /blog.
    expect(ok<PageJson>(await a.api('PATCH', `/pages/${post.id}`, { slug: 'renamed' })).path).toBe(
      '/blog/renamed',
    );
    expect(ok<PageJson>(await a.api('GET', `/pages/${post.id}`)).categories).toHaveLength(2);
  });
});
