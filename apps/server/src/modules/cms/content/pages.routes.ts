import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { idParams, ok, siteParams } from './common.js';
import { movePage } from './page-tree.service.js';
import {
  draftBody,
  moveBody,
  pageCreate,
  pageListItem,
  pageListQuery,
  pagePatch,
  pageSchema,
  previewBody,
  previewLinkSchema,
  publishBody,
  scheduleBody,
  unpublishBody,
} from './pages.schemas.js';
import { createPage, deletePage, getPage, listPages, updatePage } from './pages.service.js';
import { signPreviewToken } from './preview-token.js';
import { publishPage, schedulePage, unpublishPage } from './publish.service.js';
import { saveDraft } from './revisions.service.js';

/** Pages (a tree) and blog posts: structure, drafts, publishing, scheduling, preview links. */
export const pageRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, opts) => {
  const tags = ['cms-pages'];
  const read = { permission: 'cms:read' as const };
  const write = { permission: 'cms:write' as const };
  const one = { 200: pageSchema };

  app.get(
    '/sites/:siteId/pages',
    {
      config: read,
      schema: {
        tags,
        summary: 'Pages and posts of a site as a flat list (parentId + position make the tree)',
        params: siteParams,
        querystring: pageListQuery,
        response: { 200: z.object({ items: z.array(pageListItem) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, (ctx) => listPages(ctx, req.params.siteId, req.query)),
    }),
  );
  app.post(
    '/pages',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a page (under parentId, last among its siblings) or a post (/blog/<slug>)',
        body: pageCreate,
        response: { 201: pageSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createPage(ctx, req.body))),
  );
  app.get(
    '/pages/:id',
    {
      config: read,
      schema: {
        tags,
        summary: 'A page with its draft, live snapshot and categories',
        params: idParams,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => getPage(ctx, req.params.id)),
  );
  app.patch(
    '/pages/:id',
    {
      config: write,
      schema: {
        tags,
        summary:
          'Change slug (paths of descendants follow; 301 from the old path when live), tags, author, categories',
        params: idParams,
        body: pagePatch,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updatePage(ctx, req.params.id, req.body)),
  );
  app.put(
    '/pages/:id/draft',
    {
      config: write,
      schema: {
        tags,
        summary: 'Save the draft: blocks validated, rich text sanitised, a new numbered revision',
        params: idParams,
        body: draftBody,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => saveDraft(ctx, req.params.id, req.body)),
  );
  app.post(
    '/pages/:id/move',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move under a parent (null: top level) at a position among its siblings',
        params: idParams,
        body: moveBody,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => movePage(ctx, req.params.id, req.body)),
  );
  app.post(
    '/pages/:id/publish',
    {
      config: write,
      schema: {
        tags,
        summary: 'Publish a revision (default: the draft)',
        params: idParams,
        body: publishBody,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => publishPage(ctx, req.params.id, req.body?.revisionId)),
  );
  app.post(
    '/pages/:id/unpublish',
    {
      config: write,
      schema: {
        tags,
        summary: 'Take the page off the site (the draft stays), optionally with its live descendants',
        params: idParams,
        body: unpublishBody,
        response: { 200: pageSchema.extend({ unpublishedDescendants: z.number().int() }) },
      },
    },
    (req) =>
      withTenant(req.ctx, (ctx) =>
        unpublishPage(ctx, req.params.id, { descendants: req.body?.descendants ?? false }),
      ),
  );
  app.put(
    '/pages/:id/schedule',
    {
      config: write,
      schema: {
        tags,
        summary: 'Schedule publish and unpublish (null clears); jobs run at the time',
        params: idParams,
        body: scheduleBody,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => schedulePage(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/pages/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a page or post (409 while it has child pages)',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deletePage(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/pages/:id/preview-link',
    {
      config: write,
      schema: {
        tags,
        summary: "A signed, expiring link to the page's draft (served by the sites module)",
        params: idParams,
        body: previewBody,
        response: { 200: previewLinkSchema },
      },
    },
    async (req) => {
      const page = await withTenant(req.ctx, (ctx) => getPage(ctx, req.params.id));
      const minutes = req.body?.expiresInMinutes ?? 60;
      const expiresAt = new Date(Math.floor(Date.now() / 1000) * 1000 + minutes * 60_000);
      const token = signPreviewToken(opts.hub.config, {
        tenantId: req.ctx.tenantId!,
        pageId: page.id,
        expiresAt,
      });
      return { url: `/sites/preview/${token}`, expiresAt: expiresAt.toISOString() };
    },
  );
};
