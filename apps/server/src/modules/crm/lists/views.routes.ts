import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { FILTER_DOC } from './filter.js';
import { idParams } from './schemas.js';
import { createView, deleteView, getView, listViews, updateView } from './views.service.js';

const entity = z.enum(['contact', 'company', 'lead', 'deal']);
const query = z
  .object({
    q: z.string().max(200).optional(),
    filter: z.record(z.string(), z.unknown()).optional().describe(FILTER_DOC),
    sort: z.string().max(60).optional(),
  })
  .strict();
/** Field keys as the list answers them (`custom.<key>` for custom fields), in order. */
const columns = z
  .array(
    z.string().regex(/^(custom\.)?[A-Za-z][A-Za-z0-9_]{0,59}$/, 'a field key, e.g. lastName or custom.tier'),
  )
  .max(60)
  .refine((c) => new Set(c).size === c.length, 'each column once')
  .nullable()
  .describe('The table columns shown, in order; null for the default columns');
const view = z.object({
  id: z.string(),
  entity,
  name: z.string(),
  query: z.object({
    q: z.string().optional(),
    filter: z.record(z.string(), z.unknown()).optional(),
    sort: z.string().optional(),
  }),
  columns: z.array(z.string()).nullable(),
  ownerId: z.string().nullable(),
  shared: z.boolean(),
  createdAt: z.string(),
});

/** Saved views: a name, a list query and its columns, private to their owner or shared with the tenant. */
export const viewRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };
  app.get(
    '/views',
    {
      config: read,
      schema: {
        tags,
        summary: 'Shared views and my private ones',
        querystring: z.object({ entity: entity.optional() }),
        response: { 200: z.object({ items: z.array(view) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, (ctx) => listViews(ctx, req.query.entity)) }),
  );
  app.get(
    '/views/:id',
    { config: read, schema: { tags, summary: 'One saved view', params: idParams, response: { 200: view } } },
    (req) => withTenant(req.ctx, (ctx) => getView(ctx, req.params.id)),
  );
  app.post(
    '/views',
    {
      config: write,
      schema: {
        tags,
        summary: 'Save a view',
        body: z.object({
          entity,
          name: z.string().trim().min(1).max(100),
          query,
          columns: columns.optional(),
          shared: z.boolean().optional(),
        }),
        response: { 201: view },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createView(ctx, req.body as never))),
  );
  app.patch(
    '/views/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename, change the query or columns of, share or unshare my view',
        params: idParams,
        body: z.object({
          name: z.string().trim().min(1).max(100).optional(),
          query: query.optional(),
          columns: columns.optional(),
          shared: z.boolean().optional(),
        }),
        response: { 200: view },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateView(ctx, req.params.id, req.body as never)),
  );
  app.delete(
    '/views/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete my view', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await withTenant(req.ctx, (ctx) => deleteView(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
};
