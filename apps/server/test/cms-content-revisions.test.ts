import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsTenants,
  content,
  expectField,
  makePage,
  ok,
  type PageJson,
  q,
  saveDraft,
} from './cms-content-fixtures.js';

let app: FastifyInstance, a: CmsUser, siteId: string;
beforeAll(async () => {
  ({ app, a, siteId } = await cmsTenants());
});
afterAll(() => app?.close());

let n = 0;
const newPage = async () => makePage(a, siteId, `p${n++}`);
const every = [
  { id: 'h1', type: 'heading', text: 'Welcome', level: 1 },
  { id: 'rt', type: 'richText', html: '<p>Hello <strong>world</strong></p>' },
  {
    id: 'cta',
    type: 'cta',
    heading: 'Talk to us',
    buttonLabel: 'Contact',
    buttonUrl: '/contact',
    style: 'primary',
  },
  { id: 'q', type: 'quote', text: 'Great', cite: 'A client' },
  {
    id: 'cols',
    type: 'columns',
    columns: [
      { blocks: [{ id: 'c1', type: 'heading', text: 'Left', level: 3 }] },
      { blocks: [{ id: 'c2', type: 'richText', html: '<p>Right</p>' }] },
    ],
  },
  { id: 'f', type: 'form', formId: 'frm_abc123', heading: 'Write to us' },
  { id: 'pg', type: 'productGrid', limit: 8, collection: 'featured' },
];

describe('drafts and blocks', () => {
  it('saves every block type as a numbered revision and returns the page', async () => {
    const p = await newPage();
    const got = await saveDraft(
      a,
      p.id,
      content('With blocks', every, {
        seo: { title: 'SEO', description: 'Desc', canonicalUrl: 'https://example.com/x' },
        excerpt: 'Short',
      }),
      'first edit',
    );
    expect(got.content.blocks).toEqual(every);
    expect(got).toMatchObject({
      title: 'With blocks',
      hasUnpublishedChanges: true,
      content: { seo: { title: 'SEO' }, excerpt: 'Short' },
    });
    const revs = ok<{ items: { number: number; message: string; title: string }[] }>(
      await a.api('GET', `/pages/${p.id}/revisions`),
    ).items;
    expect(revs.map((r) => [r.number, r.message, r.title])).toEqual([
      [2, 'first edit', 'With blocks'],
      [1, 'Created', `Title ${p.slug}`],
    ]);
    expect(got.draftRevisionId).toBe((revs[0] as unknown as { id: string }).id);
  });

  it('answers 400 naming the block index and field for bad blocks; nothing is saved', async () => {
    const p = await newPage();
    const bad: [Record<string, unknown>[], string][] = [
      [[{ id: 'x', type: 'video', url: 'https://x' }], 'body.content.blocks.0.type'],
      [[every[0]!, { id: 'y', type: 'heading', text: 'x', level: 7 }], 'body.content.blocks.1.level'],
      [[{ id: 'bad id!', type: 'quote', text: 'x' }], 'body.content.blocks.0.id'],
      [
        [
          {
            id: 'c',
            type: 'cta',
            heading: 'h',
            buttonLabel: 'b',
            buttonUrl: 'javascript:alert(1)',
            style: 'primary',
          },
        ],
        'body.content.blocks.0.buttonUrl',
      ],
      [[{ id: 'i', type: 'image', mediaId: 'not-a-uuid' }], 'body.content.blocks.0.mediaId'],
      [[{ id: 'g', type: 'gallery', items: [], columns: 3 }], 'body.content.blocks.0.items'],
      [
        [
          {
            id: 'g',
            type: 'gallery',
            items: [{ mediaId: '0190c3d2-0000-7000-8000-000000000000' }],
            columns: 5,
          },
        ],
        'body.content.blocks.0.columns',
      ],
      [[{ id: 'c', type: 'columns', columns: [{ blocks: [] }] }], 'body.content.blocks.0.columns'],
      [
        [
          {
            id: 'c',
            type: 'columns',
            columns: [{ blocks: [{ id: 'n', type: 'columns', columns: [] }] }, { blocks: [] }],
          },
        ],
        'body.content.blocks.0.columns.0.blocks.0.type',
      ],
      [[{ id: 'f', type: 'form', formId: '42' }], 'body.content.blocks.0.formId'],
      [[{ id: 'p', type: 'productGrid', limit: 25 }], 'body.content.blocks.0.limit'],
      [[every[0]!, { ...every[3]!, id: 'h1' }], 'body.content.blocks.1.id'],
    ];
    for (const [blocks, field] of bad)
      expectField(await a.api('PUT', `/pages/${p.id}/draft`, { content: content('x', blocks) }), 400, field);
    expectField(
      await a.api('PUT', `/pages/${p.id}/draft`, { content: { blocks: [] } }),
      400,
      'body.content.title',
    );
    expectField(
      await a.api('PUT', `/pages/${p.id}/draft`, {
        content: content('x', [], { seo: { canonicalUrl: 'javascript:x' } }),
      }),
      400,
      'body.content.seo.canonicalUrl',
    );
    // Media must exist in this tenant.
    const missing = '0190c3d2-0000-7000-8000-000000000000';
    expectProblem(
      await a.api('PUT', `/pages/${p.id}/draft`, {
        content: content('x', [{ id: 'i', type: 'image', mediaId: missing }]),
      }),
      400,
      'CMS.MEDIA_NOT_FOUND',
    );
    expectField(
      await a.api('PUT', `/pages/${p.id}/draft`, { content: content('x', [], { coverMediaId: missing }) }),
      400,
      'body.content.coverMediaId',
    );
    const revs = ok<{ items: unknown[] }>(await a.api('GET', `/pages/${p.id}/revisions`)).items;
    expect(revs).toHaveLength(1);
  });

  it('sanitises rich text on the server, also inside columns and on create', async () => {
    const p = await newPage();
    const dirty =
      '<p onclick="x()" style="color:red">Hi <a href="javascript:alert(1)">j</a> <a href="data:text/html,x">d</a> <a href="https://ok.example">ok</a></p><script>alert(1)</script><img src=x onerror=alert(1)>';
    const clean = '<p>Hi <a>j</a> <a>d</a> <a href="https://ok.example">ok</a></p>';
    const got = await saveDraft(
      a,
      p.id,
      content('S', [
        { id: 'r', type: 'richText', html: dirty },
        {
          id: 'c',
          type: 'columns',
          columns: [{ blocks: [{ id: 'r2', type: 'richText', html: dirty }] }, { blocks: [] }],
        },
      ]),
    );
    const blocks = got.content.blocks as { html?: string; columns?: { blocks: { html: string }[] }[] }[];
    expect(blocks[0]!.html).toBe(clean);
    expect(blocks[1]!.columns![0]!.blocks[0]!.html).toBe(clean);
    const stored = await q<{ c: string }>(
      app,
      'select content::text as c from cms.revisions where page_id = $1 order by number desc limit 1',
      [p.id],
    );
    expect(stored[0]!.c).not.toMatch(/script|onclick|onerror|javascript:|data:|style=/);
    const created = await makePage(a, siteId, `c${n++}`, {
      content: content('ignored', [{ id: 'r', type: 'richText', html: dirty }]),
    });
    expect(created.content).toMatchObject({ title: created.title, blocks: [{ html: clean }] });
  });
});

describe('revisions: read, diff, restore', () => {
  it('diffs two revisions, against the previous one by default, and against live', async () => {
    const p = await newPage();
    await saveDraft(
      a,
      p.id,
      content('V2', [
        { id: 'a', type: 'heading', text: 'A', level: 2 },
        { id: 'b', type: 'richText', html: '<p>B</p>' },
      ]),
    );
    ok(await a.api('POST', `/pages/${p.id}/publish`));
    await saveDraft(
      a,
      p.id,
      content('V3', [
        { id: 'b', type: 'richText', html: '<p>B changed</p>' },
        { id: 'a', type: 'heading', text: 'A', level: 2 },
        { id: 'c', type: 'quote', text: 'C' },
      ]),
    );
    const revs = ok<{ items: { id: string; number: number; isLive: boolean; published: boolean }[] }>(
      await a.api('GET', `/pages/${p.id}/revisions`),
    ).items;
    const [v3, v2, v1] = revs as [(typeof revs)[0], (typeof revs)[0], (typeof revs)[0]];
    expect([v3.number, v2.isLive, v2.published, v3.isLive]).toEqual([3, true, true, false]);
    type Diff = {
      from: { number: number | null; live: boolean };
      to: { number: number };
      fields: { field: string; before: string; after: string }[];
      blocks: { blockId: string; change: string; before: string | null; after: string | null }[];
    };
    const d = ok<Diff>(await a.api('GET', `/pages/${p.id}/revisions/${v3.id}/diff`));
    expect(d.from).toEqual({ revisionId: v2.id, number: 2, live: true });
    expect(d.fields).toEqual([{ field: 'title', before: 'V2', after: 'V3' }]);
    expect(d.blocks.map((x) => [x.blockId, x.change])).toEqual([
      ['b', 'changed'],
      ['a', 'moved'],
      ['c', 'added'],
    ]);
    expect(d.blocks[0]).toMatchObject({ before: 'B', after: 'B changed' });
    const live = ok<Diff>(await a.api('GET', `/pages/${p.id}/revisions/${v3.id}/diff?against=live`));
    expect(live.from).toMatchObject({ live: true, number: 2 });
    expect(live.blocks.length).toBe(3);
    const vsFirst = ok<Diff>(await a.api('GET', `/pages/${p.id}/revisions/${v3.id}/diff?against=${v1.id}`));
    expect(vsFirst.blocks.map((x) => x.change).sort()).toEqual(['added', 'added', 'added']);
    const first = ok<Diff>(await a.api('GET', `/pages/${p.id}/revisions/${v1.id}/diff`));
    expect(first.from).toEqual({ revisionId: null, number: null, live: false });
    expectField(
      await a.api('GET', `/pages/${p.id}/revisions/${v3.id}/diff?against=yesterday`),
      400,
      'querystring.against',
    );
    const other = await newPage();
    expectProblem(await a.api('GET', `/pages/${other.id}/revisions/${v3.id}`), 404, 'CMS.REVISION_NOT_FOUND');
    expectProblem(
      await a.api(
        'GET',
        `/pages/${other.id}/revisions/${(await q<{ id: string }>(app, 'select id from cms.revisions where page_id = $1', [other.id]))[0]!.id}/diff?against=live`,
      ),
      409,
      'CMS.PAGE_NOT_LIVE',
    );
    const full = ok<{ number: number; content: { title: string } }>(
      await a.api('GET', `/pages/${p.id}/revisions/${v2.id}`),
    );
    expect(full).toMatchObject({ number: 2, content: { title: 'V2' } });
  });

  it('restores an old revision into the draft as a new revision', async () => {
    const p = await newPage();
    await saveDraft(a, p.id, content('Good', [{ id: 'a', type: 'quote', text: 'keep' }]));
    await saveDraft(a, p.id, content('Broken', []));
    const revs = ok<{ items: { id: string; number: number }[] }>(
      await a.api('GET', `/pages/${p.id}/revisions`),
    ).items;
    const good = revs.find((r) => r.number === 2)!;
    const restored = ok<PageJson>(await a.api('POST', `/pages/${p.id}/revisions/${good.id}/restore`));
    expect(restored.content).toMatchObject({ title: 'Good', blocks: [{ id: 'a', text: 'keep' }] });
    const after = ok<{ items: { number: number; message: string }[] }>(
      await a.api('GET', `/pages/${p.id}/revisions`),
    ).items;
    expect(after[0]).toMatchObject({ number: 4, message: 'Restored revision 2' });
    expectProblem(
      await a.api('POST', `/pages/${p.id}/revisions/${p.id}/restore`),
      404,
      'CMS.REVISION_NOT_FOUND',
    );
    const page = ok<{ items: { number: number }[] }>(
      await a.api('GET', `/pages/${p.id}/revisions?limit=2&beforeNumber=4`),
    ).items;
    expect(page.map((r) => r.number)).toEqual([3, 2]);
    expectField(await a.api('GET', `/pages/${p.id}/revisions?limit=0`), 400, 'querystring.limit');
  });
});
