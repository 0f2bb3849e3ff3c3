import { z } from 'zod';
import { sanitizeRichText } from './sanitize.js';

/** The typed blocks of a page (contract: cms-contract.md, "Page content"). */
const text = (max: number) => z.string().max(max);
const mediaId = z.uuid({ message: 'must be a media id (UUID)' });
/** Links people click: http(s), mailto, tel, or a site-relative path; never javascript: or data:. */
export const safeUrl = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine(
    (v) => /^(https?:\/\/[^\s]+|mailto:[^\s]+|tel:[+\d\s().-]+|\/(?!\/)[^\s]*|#[^\s]*)$/i.test(v),
    'must be an http(s), mailto: or tel: URL or a path starting with /',
  );
const blockId = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'must be 1-40 letters, digits, _ or -');

const heading = z.object({
  id: blockId,
  type: z.literal('heading'),
  text: text(300).min(1),
  level: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4)]),
});
const richText = z.object({ id: blockId, type: z.literal('richText'), html: text(100_000) });
const image = z.object({
  id: blockId,
  type: z.literal('image'),
  mediaId,
  alt: text(500).optional(),
  caption: text(1000).optional(),
  link: safeUrl.optional(),
});
const gallery = z.object({
  id: blockId,
  type: z.literal('gallery'),
  items: z
    .array(z.object({ mediaId, alt: text(500).optional(), caption: text(1000).optional() }))
    .min(1)
    .max(60),
  columns: z.union([z.literal(2), z.literal(3), z.literal(4)]),
});
const cta = z.object({
  id: blockId,
  type: z.literal('cta'),
  heading: text(300).min(1),
  text: text(2000).optional(),
  buttonLabel: text(100).min(1),
  buttonUrl: safeUrl,
  style: z.enum(['primary', 'secondary']),
});
const quote = z.object({
  id: blockId,
  type: z.literal('quote'),
  text: text(5000).min(1),
  cite: text(300).optional(),
});
const form = z.object({
  id: blockId,
  type: z.literal('form'),
  formId: z.string().regex(/^frm_[A-Za-z0-9_-]{1,60}$/, "must be a CRM form's public id (frm_…)"),
  heading: text(300).optional(),
});
const productGrid = z.object({
  id: blockId,
  type: z.literal('productGrid'),
  collection: text(100).optional(),
  limit: z.number().int().min(1).max(24),
});

/** Blocks allowed inside a column (everything but columns: no nesting). */
export const leafBlock = z.discriminatedUnion('type', [
  heading,
  richText,
  image,
  gallery,
  cta,
  quote,
  form,
  productGrid,
]);
const columns = z.object({
  id: blockId,
  type: z.literal('columns'),
  columns: z
    .array(z.object({ blocks: z.array(leafBlock).max(50) }))
    .min(2, 'must have 2 or 3 columns')
    .max(3, 'must have 2 or 3 columns'),
});
export const block = z.discriminatedUnion('type', [
  heading,
  richText,
  image,
  gallery,
  cta,
  quote,
  columns,
  form,
  productGrid,
]);
export type Block = z.infer<typeof block>;
export type LeafBlock = z.infer<typeof leafBlock>;

export const seo = z.object({
  title: text(300).optional(),
  description: text(1000).optional(),
  canonicalUrl: z
    .url({ protocol: /^https?$/, message: 'must be an http(s) URL' })
    .max(2000)
    .optional(),
  ogImageMediaId: mediaId.optional(),
});

/** A page's content as stored in `content` (draft), revisions and `published`. */
export const pageContent = z
  .object({
    title: z.string().trim().min(1).max(300),
    blocks: z.array(block).max(200),
    seo: seo.default({}),
    excerpt: text(2000).optional(),
    coverMediaId: mediaId.optional(),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    const check = (id: string, path: (string | number)[]) => {
      if (seen.has(id)) ctx.addIssue({ code: 'custom', path, message: `duplicate block id ${id}` });
      seen.add(id);
    };
    c.blocks.forEach((b, i) => {
      check(b.id, ['blocks', i, 'id']);
      if (b.type === 'columns')
        b.columns.forEach((col, ci) => {
          col.blocks.forEach((inner, j) => {
            check(inner.id, ['blocks', i, 'columns', ci, 'blocks', j, 'id']);
          });
        });
    });
  });
export type PageContent = z.infer<typeof pageContent>;

/** Sanitises every rich text block (top level and in columns); returns a new content object. */
export function sanitizeContent(c: PageContent): PageContent {
  const clean = <B extends Block>(b: B): B => {
    if (b.type === 'richText') return { ...b, html: sanitizeRichText(b.html) };
    if (b.type === 'columns')
      return { ...b, columns: b.columns.map((col) => ({ blocks: col.blocks.map(clean) })) };
    return b;
  };
  return { ...c, blocks: c.blocks.map(clean) };
}

/** Every media id the content refers to, with the field that names it (for existence checks). */
export function mediaRefs(c: PageContent, prefix = 'body.content'): { id: string; field: string }[] {
  const out: { id: string; field: string }[] = [];
  if (c.coverMediaId) out.push({ id: c.coverMediaId, field: `${prefix}.coverMediaId` });
  if (c.seo.ogImageMediaId) out.push({ id: c.seo.ogImageMediaId, field: `${prefix}.seo.ogImageMediaId` });
  const walk = (b: Block, p: string) => {
    if (b.type === 'image') out.push({ id: b.mediaId, field: `${p}.mediaId` });
    if (b.type === 'gallery')
      b.items.forEach((it, i) => {
        out.push({ id: it.mediaId, field: `${p}.items.${i}.mediaId` });
      });
    if (b.type === 'columns')
      b.columns.forEach((col, ci) => {
        col.blocks.forEach((inner, j) => {
          walk(inner, `${p}.columns.${ci}.blocks.${j}`);
        });
      });
  };
  c.blocks.forEach((b, i) => {
    walk(b, `${prefix}.blocks.${i}`);
  });
  return out;
}
