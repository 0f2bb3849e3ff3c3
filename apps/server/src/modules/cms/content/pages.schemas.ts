import { z } from 'zod';
import { pageContent } from './blocks.schemas.js';
import { isoDateTime, slug, tags, uuid } from './common.js';

const kind = z.enum(['page', 'post']);
const status = z.enum(['draft', 'published', 'unpublished']);

export const pageListQuery = z.object({
  kind: kind.optional(),
  q: z.string().trim().max(200).optional(),
  status: status.optional(),
});

export const pageListItem = z.object({
  id: z.string(),
  parentId: z.string().nullable(),
  position: z.number(),
  slug: z.string(),
  path: z.string(),
  title: z.string(),
  kind,
  status,
  hasUnpublishedChanges: z.boolean(),
  publishedAt: z.string().nullable(),
  publishAt: z.string().nullable(),
  unpublishAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type PageListItem = z.infer<typeof pageListItem>;

export const pageSchema = pageListItem.extend({
  siteId: z.string(),
  content: pageContent,
  published: pageContent.nullable(),
  tags: z.array(z.string()),
  authorId: z.string().nullable(),
  categories: z.array(z.object({ id: z.string(), name: z.string(), slug: z.string() })),
  liveRevisionId: z.string().nullable(),
  /** The newest revision: the one the draft `content` is. */
  draftRevisionId: z.string().nullable(),
  firstPublishedAt: z.string().nullable(),
  createdAt: z.string(),
});
export type Page = z.infer<typeof pageSchema>;

export const pageCreate = z.object({
  siteId: uuid,
  kind: kind.default('page'),
  parentId: uuid.nullable().optional(),
  /** '' only for the home page (a top-level page at '/'). */
  slug: z.union([z.literal(''), slug]),
  title: z.string().trim().min(1).max(300),
  content: pageContent.optional(),
});
export type PageCreate = z.infer<typeof pageCreate>;

export const pagePatch = z.object({
  slug: z.union([z.literal(''), slug]).optional(),
  tags: tags.optional(),
  authorId: uuid.nullable().optional(),
  categoryIds: z.array(uuid).max(50).optional(),
});
export type PagePatch = z.infer<typeof pagePatch>;

export const draftBody = z.object({ content: pageContent, message: z.string().trim().max(500).optional() });
export const moveBody = z.object({
  parentId: uuid.nullable(),
  position: z.number().int().min(0).max(100_000),
});
/** The body is optional (a bare POST publishes the draft). */
export const publishBody = z.object({ revisionId: uuid.optional() }).nullish();
/** The body is optional (a bare POST takes down the page alone). */
export const unpublishBody = z
  .object({
    descendants: z
      .boolean()
      .optional()
      .describe('Also take down every live page below this one (default false: they stay live)'),
  })
  .nullish();
export const scheduleBody = z.object({
  publishAt: isoDateTime.nullable(),
  unpublishAt: isoDateTime.nullable(),
});
export const previewBody = z
  .object({ expiresInMinutes: z.number().int().min(1).max(10_080).optional() })
  .nullish();
export const previewLinkSchema = z.object({ url: z.string(), expiresAt: z.string() });
