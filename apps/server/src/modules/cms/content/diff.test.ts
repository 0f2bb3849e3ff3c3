import { describe, expect, it } from 'vitest';
import type { PageContent } from './blocks.schemas.js';
import { diffContent } from './diff.js';

const page = (blocks: PageContent['blocks'], more: Partial<PageContent> = {}): PageContent => ({
  title: 'Page',
  blocks,
  seo: {},
  ...more,
});
const h = (id: string, text: string) => ({ id, type: 'heading' as const, text, level: 2 as const });
const rt = (id: string, html: string) => ({ id, type: 'richText' as const, html });

describe('diffContent', () => {
  it('reports nothing for equal contents', () => {
    const c = page([h('a', 'A'), rt('b', '<p>B</p>')]);
    expect(diffContent(c, structuredClone(c))).toMatchObject({ changed: false, fields: [], blocks: [] });
  });

  it('reports page fields with before and after', () => {
    const d = diffContent(
      page([], { seo: { description: 'old' } }),
      page([], { title: 'New', seo: { description: 'new' }, excerpt: 'e' }),
    );
    expect(d.fields).toEqual([
      { field: 'title', before: 'Page', after: 'New' },
      { field: 'excerpt', before: null, after: 'e' },
      { field: 'seo.description', before: 'old', after: 'new' },
    ]);
  });

  it('reports added, removed, changed (with the properties) and moved blocks', () => {
    const before = page([
      h('a', 'A'),
      rt('b', '<p>Old <b>text</b></p>'),
      h('c', 'C'),
      h('d', 'D'),
      h('e', 'E'),
    ]);
    const after = page([h('e', 'E'), h('a', 'A'), rt('b', '<p>New text</p>'), h('c', 'C2'), h('f', 'F')]);
    const d = diffContent(before, after);
    const by = Object.fromEntries(d.blocks.map((b) => [b.blockId, b]));
    expect(by.e).toMatchObject({ change: 'moved', fromIndex: 4, toIndex: 0 });
    expect(by.b).toMatchObject({
      change: 'changed',
      before: 'Old text',
      after: 'New text',
      fields: ['html'],
    });
    expect(by.c).toMatchObject({ change: 'changed', before: 'C', after: 'C2', fields: ['text'] });
    expect(by.f).toMatchObject({ change: 'added', before: null, after: 'F', toIndex: 4 });
    expect(by.d).toMatchObject({ change: 'removed', before: 'D', after: null, fromIndex: 3 });
    expect(by.a).toBeUndefined();
    expect(d.summary).toEqual({ added: 1, removed: 1, changed: 2, moved: 1 });
  });

  it('treats a first revision as all added', () => {
    const d = diffContent(null, page([h('a', 'A')]));
    expect(d.blocks).toEqual([expect.objectContaining({ blockId: 'a', change: 'added' })]);
    expect(d.fields[0]).toEqual({ field: 'title', before: null, after: 'Page' });
  });
});
