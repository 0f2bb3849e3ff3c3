import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { pageContent } from './blocks.schemas.js';
import { idParams, uuid } from './common.js';
import { pageSchema } from './pages.schemas.js';
import { diffRevision, getRevision, listRevisions, restoreRevision } from './revisions.service.js';

const revisionSummary = z.object({
  id: z.string(),
  number: z.number(),
  title: z.string(),
  message: z.string(),
  published: z.boolean(),
  isLive: z.boolean(),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
const revisionSchema = revisionSummary.extend({ pageId: z.string(), content: pageContent });
const text = z.string().nullable();
const diffSchema = z.object({
  from: z.object({ revisionId: z.string().nullable(), number: z.number().nullable(), live: z.boolean() }),
  to: z.object({ revisionId: z.string(), number: z.number() }),
  changed: z.boolean(),
  fields: z.array(z.object({ field: z.string(), before: text, after: text })),
  blocks: z.array(
    z.object({
      blockId: z.string(),
      type: z.string(),
      change: z.enum(['added', 'removed', 'changed', 'moved']),
      before: text,
      after: text,
      fromIndex: z.number().nullable(),
      toIndex: z.number().nullable(),
      fields: z.array(z.string()),
    }),
  ),
  summary: z.object({ added: z.number(), removed: z.number(), changed: z.number(), moved: z.number() }),
});
const revParams = z.object({ id: uuid, revisionId: uuid });

/** Revision history of a page: list, read, diff (against another revision or the live page), restore. */
export const revisionRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['cms-pages'];
  const read = { permission: 'cms:read' as const };
  const write = { permission: 'cms:write' as const };

  app.get(
    '/pages/:id/revisions',
    {
      config: read,
      schema: {
        tags,
        summary: 'Revisions of a page, newest first (limit, default 100; older ones with beforeNumber)',
        params: idParams,
        querystring: z.object({
          limit: z.coerce.number().int().min(1).max(500).default(100),
          beforeNumber: z.coerce.number().int().min(1).optional(),
        }),
        response: { 200: z.object({ items: z.array(revisionSummary) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, (ctx) => listRevisions(ctx, req.params.id, req.query)),
    }),
  );
  app.get(
    '/pages/:id/revisions/:revisionId',
    {
      config: read,
      schema: {
        tags,
        summary: 'A revision with its content',
        params: revParams,
        response: { 200: revisionSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => getRevision(ctx, req.params.id, req.params.revisionId)),
  );
  app.get(
    '/pages/:id/revisions/:revisionId/diff',
    {
      config: read,
      schema: {
        tags,
        summary:
          'What changed from `against` (a revision id or live; default the previous revision) to this revision',
        params: revParams,
        querystring: z.object({
          against: z
            .union([z.literal('live'), uuid], { message: "must be a revision id or 'live'" })
            .optional(),
        }),
        response: { 200: diffSchema },
      },
    },
    (req) =>
      withTenant(req.ctx, (ctx) =>
        diffRevision(ctx, req.params.id, req.params.revisionId, req.query.against),
      ),
  );
  app.post(
    '/pages/:id/revisions/:revisionId/restore',
    {
      config: write,
      schema: {
        tags,
        summary: 'Copy a revision into the draft as a new revision',
        params: revParams,
        response: { 200: pageSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => restoreRevision(ctx, req.params.id, req.params.revisionId)),
  );
};
