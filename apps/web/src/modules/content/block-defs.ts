import {
  IconAlignLeft,
  IconColumns,
  IconForms,
  IconH1,
  IconLayoutGrid,
  IconPhoto,
  IconPhotoScan,
  IconQuote,
  IconShoppingBag,
  IconSpeakerphone,
} from '@tabler/icons-react';
import type { Block, BlockType, LeafBlock } from './api';

type Icon = typeof IconH1;

export const BLOCK_DEFS: Record<BlockType, { label: string; icon: Icon; hint: string }> = {
  heading: { label: 'Heading', icon: IconH1, hint: 'A title for a section' },
  richText: { label: 'Rich text', icon: IconAlignLeft, hint: 'Paragraphs, lists, links, quotes' },
  image: { label: 'Image', icon: IconPhoto, hint: 'One image from the media library' },
  gallery: { label: 'Gallery', icon: IconPhotoScan, hint: 'Several images in a grid' },
  cta: { label: 'Call to action', icon: IconSpeakerphone, hint: 'A heading, a line and a button' },
  quote: { label: 'Quote', icon: IconQuote, hint: 'A testimonial or citation' },
  columns: { label: 'Columns', icon: IconColumns, hint: '2 or 3 columns of blocks' },
  form: { label: 'CRM form', icon: IconForms, hint: 'A lead form that creates leads in the CRM' },
  productGrid: { label: 'Product grid', icon: IconShoppingBag, hint: 'A slot the store fills with products' },
};

export const BLOCK_ORDER: BlockType[] = [
  'heading',
  'richText',
  'image',
  'gallery',
  'cta',
  'quote',
  'columns',
  'form',
  'productGrid',
];
export const LEAF_ORDER = BLOCK_ORDER.filter((t) => t !== 'columns') as Exclude<BlockType, 'columns'>[];

export const LayoutGridIcon = IconLayoutGrid;

/** A client-made block id: [A-Za-z0-9_-], unique in the page. */
export function newBlockId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(9));
  return `b${Array.from(bytes, (b) => 'abcdefghijklmnopqrstuvwxyz0123456789'[b % 36]).join('')}`;
}

/** A new, empty block of a type (the server refuses some until they are filled in). */
export function newBlock(type: BlockType): Block {
  const id = newBlockId();
  switch (type) {
    case 'heading':
      return { id, type, text: '', level: 2 };
    case 'richText':
      return { id, type, html: '' };
    case 'image':
      return { id, type, mediaId: '', alt: '' };
    case 'gallery':
      return { id, type, items: [], columns: 3 };
    case 'cta':
      return {
        id,
        type,
        heading: '',
        text: '',
        buttonLabel: 'Get in touch',
        buttonUrl: '/contact',
        style: 'primary',
      };
    case 'quote':
      return { id, type, text: '', cite: '' };
    case 'columns':
      return { id, type, columns: [{ blocks: [] }, { blocks: [] }] };
    case 'form':
      return { id, type, formId: '', heading: '' };
    case 'productGrid':
      return { id, type, limit: 6, collection: '' };
  }
}

/** A copy with fresh ids (nested blocks too). */
export function duplicateBlock<B extends Block | LeafBlock>(b: B): B {
  const copy = structuredClone(b);
  copy.id = newBlockId();
  if (copy.type === 'columns')
    for (const col of copy.columns) col.blocks = col.blocks.map((inner) => ({ ...inner, id: newBlockId() }));
  return copy;
}

/** A one-line summary of a block, for collapsed cards and the diff. */
export function blockSummary(b: Block | LeafBlock): string {
  switch (b.type) {
    case 'heading':
      return b.text;
    case 'richText':
      return b.html
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim()
        .slice(0, 120);
    case 'quote':
      return b.text;
    case 'cta':
      return b.heading;
    case 'image':
      return b.alt || b.caption || '';
    case 'gallery':
      return `${b.items.length} images`;
    case 'columns':
      return `${b.columns.length} columns`;
    case 'form':
      return b.heading || b.formId;
    case 'productGrid':
      return `${b.limit} products${b.collection ? ` from ${b.collection}` : ''}`;
  }
}

/**
 * Drops optional text fields left empty (the server keeps what it is given), so a saved draft has
 * no `alt: ''` noise and optional URLs that are blank are not sent as invalid values.
 */
export function cleanBlock<B extends Block | LeafBlock>(b: B): B {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(b)) {
    if (v === '' && !['text', 'html', 'heading', 'mediaId', 'formId', 'buttonLabel', 'buttonUrl'].includes(k))
      continue;
    out[k] = v;
  }
  if (b.type === 'columns')
    out.columns = b.columns.map((c) => ({ blocks: c.blocks.map((inner) => cleanBlock(inner)) }));
  return out as B;
}
