import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEDULE_TASK } from '../src/modules/cms/content/publish.service.js';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsTenants,
  content,
  expectField,
  makePage,
  makeSite,
  ok,
  type PageJson,
  q,
  saveDraft,
} from './cms-content-fixtures.js';
import { databaseUrl } from './helpers.js';

let app: FastifyInstance, a: CmsUser, siteId: string;
beforeAll(async () => {
  ({ app, a, siteId } = await cmsTenants({ env: { RUN_WORKER: 'true' } }));
});
afterAll(() => app?.close());

let n = 0;
const newPage = async (sid = siteId) => makePage(a, sid, `p${n++}`);
const get = async (id: string) => ok<PageJson>(await a.api('GET', `/pages/${id}`));
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(id: string, status: string, ms = 20_000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const p = await get(id);
    if (p.status === status) return p;
    await sleep(200);
  }
  throw new Error(`page ${id} never became ${status}`);
}
const jobs = (tenantId: string, pageId: string) =>
  q<{ key: string; run_at: string }>(
    app,
    `select key, run_at from graphile_worker._private_jobs where key like $1`,
    [`${tenantId}:cms-page:${pageId}:%`],
  );
const events = (pageId: string) =>
  q<{ type: string }>(app, 'select type from platform.events where subject_id = $1 order by id', [
    pageId,
  ]).then((r) => r.map((e) => e.type));

describe('publish and unpublish', () => {
  it('copies the draft into published with timestamps, live revision, search vector and an event', async () => {
    const p = await newPage();
    await saveDraft(
      a,
      p.id,
      content('Running shoes', [{ id: 'r', type: 'richText', html: '<p>Trainers for marathons</p>' }], {
        excerpt: 'Fast',
        seo: { description: 'Lightweight' },
      }),
    );
    const pub = ok<PageJson>(await a.api('POST', `/pages/${p.id}/publish`));
    expect(pub).toMatchObject({
      status: 'published',
      hasUnpublishedChanges: false,
      published: { title: 'Running shoes' },
    });
    expect(pub.liveRevisionId).toBe(pub.draftRevisionId);
    expect(pub.publishedAt).toBeTruthy();
    expect(pub.firstPublishedAt).toBe(pub.publishedAt);
    const [row] = await q<{
      a: boolean;
      b: boolean;
      body: boolean;
      title_rank: number;
      body_rank: number;
      published: boolean;
    }>(
      app,
      `select search @@ to_tsquery('english', 'run') as a, search @@ to_tsquery('english', 'marathon') as b,
         search @@ to_tsquery('english', 'fast & lightweight') as body,
         ts_rank(search, to_tsquery('english', 'run')) as title_rank, ts_rank(search, to_tsquery('english', 'marathon')) as body_rank,
         (select published from cms.revisions r where r.id = p.live_revision_id) as published
       from cms.pages p where id = $1`,
      [p.id],
    );
    expect(row).toMatchObject({ a: true, b: true, body: true, published: true });
    expect(row!.title_rank).toBeGreaterThan(row!.body_rank);
    await saveDraft(a, p.id, content('Running shoes v2', []));
    expect(await get(p.id)).toMatchObject({
      hasUnpublishedChanges: true,
      published: { title: 'Running shoes' },
    });
    await sleep(20);
    const again = ok<PageJson>(await a.api('POST', `/pages/${p.id}/publish`, {}));
    expect(again.firstPublishedAt).toBe(pub.firstPublishedAt);
    expect(again.publishedAt! > pub.publishedAt!).toBe(true);
    expect(await events(p.id)).toEqual(['cms.page.published', 'cms.page.published']);
  });

  it('publishes a chosen older revision; the draft stays ahead', async () => {
    const p = await newPage();
    await saveDraft(a, p.id, content('Old', []));
    const oldRev = (await get(p.id)).draftRevisionId;
    await saveDraft(a, p.id, content('New', []));
    const pub = ok<PageJson>(await a.api('POST', `/pages/${p.id}/publish`, { revisionId: oldRev }));
    expect(pub).toMatchObject({
      liveRevisionId: oldRev,
      published: { title: 'Old' },
      content: { title: 'New' },
      hasUnpublishedChanges: true,
    });
    const other = await newPage();
    expectProblem(
      await a.api('POST', `/pages/${other.id}/publish`, { revisionId: oldRev }),
      404,
      'CMS.REVISION_NOT_FOUND',
    );
    expectField(await a.api('POST', `/pages/${p.id}/publish`, { revisionId: 'x' }), 400, 'body.revisionId');
  });

  it('unpublish clears published and search; a page that is not live answers 409', async () => {
    const p = await newPage();
    ok(await a.api('POST', `/pages/${p.id}/publish`));
    const un = ok<PageJson>(await a.api('POST', `/pages/${p.id}/unpublish`));
    expect(un).toMatchObject({
      status: 'unpublished',
      published: null,
      liveRevisionId: null,
      content: { title: p.title },
    });
    expect(await q(app, 'select search from cms.pages where id = $1', [p.id])).toEqual([{ search: null }]);
    expectProblem(await a.api('POST', `/pages/${p.id}/unpublish`), 409, 'CMS.PAGE_NOT_LIVE');
    expect(await events(p.id)).toEqual(['cms.page.published', 'cms.page.unpublished']);
  });

  it('tells the public sites on publish and unpublish, not on draft saves', async () => {
    const listener = new pg.Client({ connectionString: databaseUrl() });
    await listener.connect();
    const got: string[] = [];
    listener.on('notification', (m) => got.push(m.payload ?? ''));
    await listener.query('listen cms_site_changed');
    try {
      const p = await newPage();
      await saveDraft(a, p.id, content('Draft only', []));
      await sleep(300);
      expect(got).toEqual([]);
      ok(await a.api('POST', `/pages/${p.id}/publish`));
      ok(await a.api('POST', `/pages/${p.id}/unpublish`));
      for (let i = 0; i < 250 && got.length < 2; i++) await sleep(20);
      expect(got).toEqual([`${a.tenantId}:${siteId}`, `${a.tenantId}:${siteId}`]);
    } finally {
      await listener.end();
    }
  });

  it("uses the 'simple' configuration for sites whose locale is not English", async () => {
    const de = await makeSite(a, { locale: 'de' });
    const p = await newPage(de.id);
    await saveDraft(
      a,
      p.id,
      content('Laufende Schuhe', [{ id: 'h', type: 'heading', text: 'running', level: 2 }]),
    );
    ok(await a.api('POST', `/pages/${p.id}/publish`));
    const [row] = await q<{ v: string }>(app, 'select search::text as v from cms.pages where id = $1', [
      p.id,
    ]);
    expect(row!.v).toContain("'running':");
    expect(row!.v).toContain("'laufende':");
  });
});

describe('scheduled publish and unpublish (graphile-worker jobs)', () => {
  it('fires a scheduled publish at its time', async () => {
    const p = await newPage();
    await saveDraft(a, p.id, content('Scheduled', []));
    const at = inSeconds(1);
    const s = ok<PageJson>(
      await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: at, unpublishAt: null }),
    );
    expect(new Date(s.publishAt!).toISOString()).toBe(at);
    expect(s.status).toBe('draft');
    expect((await jobs(a.tenantId, p.id)).map((j) => j.key)).toEqual([
      `${a.tenantId}:cms-page:${p.id}:publish`,
    ]);
    const live = await until(p.id, 'published');
    expect(live).toMatchObject({ published: { title: 'Scheduled' }, publishAt: null });
    expect(await events(p.id)).toEqual(['cms.page.published']);
  });

  it('fires a scheduled unpublish; re-scheduling replaces the job and clearing removes it', async () => {
    const p = await newPage();
    ok(await a.api('POST', `/pages/${p.id}/publish`));
    ok(await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: null, unpublishAt: inSeconds(3600) }));
    ok(await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: null, unpublishAt: inSeconds(1) }));
    const js = await jobs(a.tenantId, p.id);
    expect(js).toHaveLength(1);
    expect(new Date(js[0]!.run_at).getTime()).toBeLessThan(Date.now() + 60_000);
    expect(await until(p.id, 'unpublished')).toMatchObject({ published: null, unpublishAt: null });

    const c = await newPage();
    ok(
      await a.api('PUT', `/pages/${c.id}/schedule`, {
        publishAt: inSeconds(3600),
        unpublishAt: inSeconds(7200),
      }),
    );
    expect(await jobs(a.tenantId, c.id)).toHaveLength(2);
    const cleared = ok<PageJson>(
      await a.api('PUT', `/pages/${c.id}/schedule`, { publishAt: null, unpublishAt: null }),
    );
    expect(cleared).toMatchObject({ publishAt: null, unpublishAt: null });
    expect(await jobs(a.tenantId, c.id)).toEqual([]);
  });

  it('a stale job (the schedule changed or was cleared) does nothing', async () => {
    const p = await newPage();
    const task = app.hub.tasks.tasks.get(SCHEDULE_TASK)!;
    const run = () =>
      task(app.hub.systemCtx(a.tenantId, 'test') as never, { pageId: p.id, action: 'publish' } as never, {
        id: '0',
        attempts: 1,
        maxAttempts: 1,
      });
    await run();
    expect((await get(p.id)).status).toBe('draft');
    ok(await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: inSeconds(3600), unpublishAt: null }));
    await run();
    expect((await get(p.id)).status).toBe('draft');
    // Due now (as if its time came): the same task publishes.
    await q(app, `update cms.pages set publish_at = now() where id = $1`, [p.id]);
    await run();
    expect((await get(p.id)).status).toBe('published');
  });

  it('refuses times in the past, an unpublish before the publish, and bad dates, naming the field', async () => {
    const p = await newPage();
    expectField(
      await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: inSeconds(-60), unpublishAt: null }),
      400,
      'body.publishAt',
    );
    expectField(
      await a.api('PUT', `/pages/${p.id}/schedule`, {
        publishAt: inSeconds(600),
        unpublishAt: inSeconds(300),
      }),
      400,
      'body.unpublishAt',
    );
    expectField(
      await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: 'tomorrow', unpublishAt: null }),
      400,
      'body.publishAt',
    );
    expectField(await a.api('PUT', `/pages/${p.id}/schedule`, { publishAt: null }), 400, 'body.unpublishAt');
    expect(await jobs(a.tenantId, p.id)).toEqual([]);
  });
});
