import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../platform/db/tenant.js';
import type { Hub } from '../../platform/hub.js';
import {
  createClient,
  currentTenant,
  grantClientAccess,
  listClients,
  updateTenant,
  withdrawClientAccess,
} from './clients.service.js';
import { ok, tenantSchema, uuid } from './schemas.js';

const tenantDetail = tenantSchema.extend({
  settings: z.object({
    logoUrl: z.string().optional(),
    brandColor: z.string().optional(),
    customDomain: z.string().optional(),
  }),
});
const settings = z.object({
  logoUrl: z.url().max(2000).optional(),
  brandColor: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #1a2b3c')
    .optional(),
  customDomain: z
    .string()
    .toLowerCase()
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      'must be a domain name like shop.example.com',
    )
    .optional(),
});

/** The active tenant itself (name, branding, custom domain) and an agency's client tenants. */
export const tenantRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['identity'];
  const read = { permission: 'identity:read' as const };
  const admin = { permission: 'identity:admin' as const };

  app.get(
    '/tenant',
    { config: read, schema: { tags, summary: 'The active tenant', response: { 200: tenantDetail } } },
    (req) => withTenant(req.ctx, currentTenant),
  );

  app.patch(
    '/tenant',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Rename the tenant or change its branding and custom domain',
        body: z.object({ name: z.string().trim().min(1).max(200).optional(), settings: settings.optional() }),
        response: { 200: tenantDetail },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateTenant(ctx, req.body)),
  );

  app.get(
    '/clients',
    {
      config: read,
      schema: {
        tags,
        summary: "An agency's client tenants",
        response: { 200: z.object({ items: z.array(tenantSchema) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, listClients),
    }),
  );

  app.post(
    '/clients',
    {
      config: admin,
      schema: {
        tags,
        summary: 'An agency opens a client tenant',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          slug: z
            .string()
            .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)
            .optional(),
        }),
        response: { 201: tenantSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createClient(ctx, req.body))),
  );

  const staffParams = z.object({ clientId: uuid, userId: uuid });
  app.put(
    '/clients/:clientId/staff/:userId',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Give an agency staff member access to one client',
        params: staffParams,
        body: z.object({ role: z.enum(['admin', 'member', 'viewer']) }),
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) =>
        grantClientAccess(hub, ctx, req.params.clientId, req.params.userId, req.body.role),
      );
      return { ok: true as const };
    },
  );

  app.delete(
    '/clients/:clientId/staff/:userId',
    {
      config: admin,
      schema: {
        tags,
        summary: "Withdraw a staff member's access to a client",
        params: staffParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) =>
        withdrawClientAccess(hub, ctx, req.params.clientId, req.params.userId),
      );
      return { ok: true as const };
    },
  );
};
