import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { idParams, ok, siteParams, slug, uuid } from './common.js';
import {
  createAuthor,
  createCategory,
  deleteAuthor,
  deleteCategory,
  listAuthors,
  listCategories,
  updateAuthor,
  updateCategory,
} from './taxonomy.service.js';

const name = z.string().trim().min(1).max(200);
const categorySchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string(),
  slug: z.string(),
  description: z.string(),
  postCount: z.number(),
  createdAt: z.string(),
});
const categoryCreate = z.object({
  name,
  slug: slug.optional(),
  description: z.string().max(2000).optional(),
});
const authorSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  bio: z.string(),
  avatarMediaId: z.string().nullable(),
  userId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const authorCreate = z.object({
  name,
  slug: slug.optional(),
  bio: z.string().max(5000).optional(),
  avatarMediaId: uuid.nullable().optional(),
  userId: uuid.nullable().optional(),
});

/** Blog categories (per site) and authors (per tenant). */
export const taxonomyRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const read = { permission: 'cms:read' as const };
  const write = { permission: 'cms:write' as const };
  const cats = ['cms-categories'];
  const auth = ['cms-authors'];

  app.get(
    '/sites/:siteId/categories',
    {
      config: read,
      schema: {
        tags: cats,
        summary: 'Categories of a site with their post counts',
        params: siteParams,
        response: { 200: z.object({ items: z.array(categorySchema) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, (ctx) => listCategories(ctx, req.params.siteId)) }),
  );
  app.post(
    '/sites/:siteId/categories',
    {
      config: write,
      schema: {
        tags: cats,
        summary: 'Create a category (slug from the name unless given)',
        params: siteParams,
        body: categoryCreate,
        response: { 201: categorySchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await withTenant(req.ctx, (ctx) => createCategory(ctx, req.params.siteId, req.body))),
  );
  app.patch(
    '/categories/:id',
    {
      config: write,
      schema: {
        tags: cats,
        summary: 'Rename a category',
        params: idParams,
        body: categoryCreate.partial(),
        response: { 200: categorySchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateCategory(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/categories/:id',
    {
      config: write,
      schema: {
        tags: cats,
        summary: 'Delete a category (posts keep their other categories)',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteCategory(ctx, req.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/authors',
    {
      config: read,
      schema: {
        tags: auth,
        summary: 'Authors',
        response: { 200: z.object({ items: z.array(authorSchema) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, listAuthors) }),
  );
  app.post(
    '/authors',
    {
      config: write,
      schema: {
        tags: auth,
        summary: 'Create an author',
        body: authorCreate,
        response: { 201: authorSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createAuthor(ctx, req.body))),
  );
  app.patch(
    '/authors/:id',
    {
      config: write,
      schema: {
        tags: auth,
        summary: 'Change an author',
        params: idParams,
        body: authorCreate.partial(),
        response: { 200: authorSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateAuthor(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/authors/:id',
    {
      config: write,
      schema: {
        tags: auth,
        summary: 'Delete an author (their posts keep no author)',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteAuthor(ctx, req.params.id));
      return { ok: true as const };
    },
  );
};
