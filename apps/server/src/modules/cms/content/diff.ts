import { blockText } from './block-text.js';
import type { Block, PageContent } from './blocks.schemas.js';

export interface FieldChange {
  field: string;
  before: string | null;
  after: string | null;
}
export interface BlockChange {
  blockId: string;
  type: string;
  change: 'added' | 'removed' | 'changed' | 'moved';
  /** The block's readable text before and after (rich text without markup). */
  before: string | null;
  after: string | null;
  fromIndex: number | null;
  toIndex: number | null;
  /** Properties that differ (for 'changed'), e.g. ['html'] or ['level', 'text']. */
  fields: string[];
}
export interface ContentDiff {
  changed: boolean;
  fields: FieldChange[];
  blocks: BlockChange[];
  summary: { added: number; removed: number; changed: number; moved: number };
}

const FIELDS: [string, (c: PageContent) => string | undefined][] = [
  ['title', (c) => c.title],
  ['excerpt', (c) => c.excerpt],
  ['coverMediaId', (c) => c.coverMediaId],
  ['seo.title', (c) => c.seo?.title],
  ['seo.description', (c) => c.seo?.description],
  ['seo.canonicalUrl', (c) => c.seo?.canonicalUrl],
  ['seo.ogImageMediaId', (c) => c.seo?.ogImageMediaId],
];

/** Longest common subsequence of two id lists: the blocks that kept their relative order. */
function lcs(a: string[], b: string[]): Set<string> {
  const m = a.length;
  const n = b.length;
  const t: number[][] = Array.from({ length: m + 1 }, () => new Array<number>(n + 1).fill(0));
  for (let i = m - 1; i >= 0; i--)
    for (let j = n - 1; j >= 0; j--)
      t[i]![j] = a[i] === b[j] ? t[i + 1]![j + 1]! + 1 : Math.max(t[i + 1]![j]!, t[i]![j + 1]!);
  const keep = new Set<string>();
  let i = 0;
  let j = 0;
  while (i < m && j < n) {
    if (a[i] === b[j]) {
      keep.add(a[i]!);
      i++;
      j++;
    } else if (t[i + 1]![j]! >= t[i]![j + 1]!) i++;
    else j++;
  }
  return keep;
}

const same = (x: unknown, y: unknown) => JSON.stringify(x) === JSON.stringify(y);

function changedProps(a: Block, b: Block): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  keys.delete('id');
  return [...keys]
    .filter((k) => !same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
    .sort();
}

/**
 * A structured diff of two contents: page fields with before/after, and blocks (matched by id)
 * added, removed, changed (with the properties that differ) or moved (same block, new order).
 * `before` null means an empty page (the first revision).
 */
export function diffContent(before: PageContent | null, after: PageContent): ContentDiff {
  const fields: FieldChange[] = [];
  for (const [field, get] of FIELDS) {
    const a = before ? (get(before) ?? null) : null;
    const b = get(after) ?? null;
    if (a !== b) fields.push({ field, before: a, after: b });
  }
  const oldBlocks = before?.blocks ?? [];
  const oldIndex = new Map(oldBlocks.map((b, i) => [b.id, i]));
  const newIndex = new Map(after.blocks.map((b, i) => [b.id, i]));
  const kept = lcs(
    oldBlocks.filter((b) => newIndex.has(b.id)).map((b) => b.id),
    after.blocks.filter((b) => oldIndex.has(b.id)).map((b) => b.id),
  );
  const blocks: BlockChange[] = [];
  after.blocks.forEach((b, toIndex) => {
    const from = oldIndex.get(b.id);
    if (from === undefined) {
      blocks.push({
        blockId: b.id,
        type: b.type,
        change: 'added',
        before: null,
        after: blockText(b),
        fromIndex: null,
        toIndex,
        fields: [],
      });
      return;
    }
    const old = oldBlocks[from]!;
    const props = changedProps(old, b);
    if (props.length)
      blocks.push({
        blockId: b.id,
        type: b.type,
        change: 'changed',
        before: blockText(old),
        after: blockText(b),
        fromIndex: from,
        toIndex,
        fields: props,
      });
    else if (!kept.has(b.id))
      blocks.push({
        blockId: b.id,
        type: b.type,
        change: 'moved',
        before: blockText(old),
        after: blockText(b),
        fromIndex: from,
        toIndex,
        fields: [],
      });
  });
  oldBlocks.forEach((b, fromIndex) => {
    if (!newIndex.has(b.id))
      blocks.push({
        blockId: b.id,
        type: b.type,
        change: 'removed',
        before: blockText(b),
        after: null,
        fromIndex,
        toIndex: null,
        fields: [],
      });
  });
  const count = (c: BlockChange['change']) => blocks.filter((b) => b.change === c).length;
  return {
    changed: fields.length > 0 || blocks.length > 0,
    fields,
    blocks,
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      moved: count('moved'),
    },
  };
}
