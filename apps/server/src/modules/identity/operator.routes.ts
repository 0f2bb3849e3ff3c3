import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Hub } from '../../platform/hub.js';
import { searchTenants, searchUsers, setTenantStatus } from './operator.service.js';
import { ok, tenantSchema, uuid } from './schemas.js';
import { createTenant } from './tenants.service.js';

const tenantRow = tenantSchema.extend({ parentName: z.string().nullable(), members: z.number() });
const userRow = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  emailVerified: z.boolean(),
  isOperator: z.boolean(),
  status: z.enum(['active', 'disabled']),
  tenants: z.number(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});
const page = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(100_000).default(0),
};

/** Platform operators: all tenants (search, create, suspend) and all users. */
export const operatorRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['operator'];
  const config = { operator: true };

  app.get(
    '/tenants',
    {
      config,
      schema: {
        tags,
        summary: 'Every tenant, searchable by name or slug',
        querystring: z.object({
          q: z.string().max(200).optional(),
          status: z.enum(['active', 'suspended']).optional(),
          kind: z.enum(['platform', 'agency', 'business']).optional(),
          ...page,
        }),
        response: { 200: z.object({ items: z.array(tenantRow), total: z.number() }) },
      },
    },
    (req) => searchTenants(hub, req.query),
  );

  app.post(
    '/tenants',
    {
      config,
      schema: {
        tags,
        summary: 'Create a tenant (an agency, or a business under an agency)',
        body: z.object({
          name: z.string().trim().min(1).max(200),
          slug: z
            .string()
            .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be 1-63 lowercase letters, digits or dashes')
            .optional(),
          kind: z.enum(['agency', 'business']),
          parentId: uuid.optional(),
        }),
        response: { 201: tenantSchema },
      },
    },
    async (req, reply) => reply.status(201).send(await createTenant(req.ctx, req.body)),
  );

  for (const [action, status] of [
    ['suspend', 'suspended'],
    ['reactivate', 'active'],
  ] as const) {
    app.post(
      `/tenants/:id/${action}`,
      {
        config,
        schema: {
          tags,
          summary:
            action === 'suspend'
              ? 'Suspend a tenant: its members are signed out of it and cannot get back in'
              : 'Reactivate a suspended tenant',
          params: z.object({ id: uuid }),
          body: z.object({ reason: z.string().max(500).optional() }).optional(),
          response: { 200: ok },
        },
      },
      async (req) => {
        await setTenantStatus(hub, req.ctx, req.params.id, status, req.body?.reason);
        return { ok: true as const };
      },
    );
  }

  app.get(
    '/users',
    {
      config,
      schema: {
        tags,
        summary: 'Every user, searchable by e-mail or name',
        querystring: z.object({ q: z.string().max(200).optional(), ...page }),
        response: { 200: z.object({ items: z.array(userRow), total: z.number() }) },
      },
    },
    (req) => searchUsers(hub, req.query),
  );
};
