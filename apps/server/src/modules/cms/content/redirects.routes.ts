import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { idParams, ok, siteParams } from './common.js';
import { createRedirect, deleteRedirect, listRedirects, updateRedirect } from './redirects.service.js';

const statusCode = z.union([z.literal(301), z.literal(302), z.literal(307), z.literal(308)]);
const redirectSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  fromPath: z.string(),
  toUrl: z.string(),
  statusCode,
  hits: z.number(),
  createdAt: z.string(),
});
const fromPath = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .regex(/^\/[^\s]*$/, 'must be a path starting with / (no spaces)');
const toUrl = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .regex(/^(https?:\/\/[^\s]+|\/(?!\/)[^\s]*)$/, 'must be a path starting with / or an http(s) URL');
const redirectCreate = z.object({ fromPath, toUrl, statusCode: statusCode.optional() });

/** Redirects per site: from paths are stored normalised; loops are refused. */
export const redirectRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['cms-redirects'];
  const read = { permission: 'cms:read' as const };
  const write = { permission: 'cms:write' as const };

  app.get(
    '/sites/:siteId/redirects',
    {
      config: read,
      schema: {
        tags,
        summary: 'Redirects of a site',
        params: siteParams,
        response: { 200: z.object({ items: z.array(redirectSchema) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, (ctx) => listRedirects(ctx, req.params.siteId)) }),
  );
  app.post(
    '/sites/:siteId/redirects',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a redirect (301 unless given)',
        params: siteParams,
        body: redirectCreate,
        response: { 201: redirectSchema },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await withTenant(req.ctx, (ctx) => createRedirect(ctx, req.params.siteId, req.body))),
  );
  app.patch(
    '/redirects/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a redirect',
        params: idParams,
        body: redirectCreate.partial(),
        response: { 200: redirectSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateRedirect(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/redirects/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a redirect', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteRedirect(ctx, req.params.id));
      return { ok: true as const };
    },
  );
};
