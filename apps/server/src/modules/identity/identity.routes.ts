import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_KEY_SCOPES } from '../../platform/access.js';
import { withTenant } from '../../platform/db/tenant.js';
import type { Hub } from '../../platform/hub.js';
import { createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';
import { listAudit } from './audit.service.js';
import {
  changeRole,
  invite,
  listInvitations,
  listMembers,
  removeMember,
  revokeInvitation,
} from './members.service.js';
import { email, idParams, ok, role } from './schemas.js';

const member = z.object({
  id: z.string(),
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  source: z.enum(['direct', 'agency']),
  createdAt: z.string(),
});
const invitation = z.object({
  id: z.string(),
  email: z.string(),
  role,
  expiresAt: z.string(),
  createdAt: z.string(),
  status: z.enum(['pending', 'accepted', 'revoked', 'expired']),
});
const apiKey = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
const auditEntry = z.object({
  id: z.string(),
  at: z.string(),
  action: z.string(),
  actorKind: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
/** The active tenant's people and access: members, invitations, API keys, audit log. */
export const identityRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['identity'];
  const read = { permission: 'identity:read' as const };
  const admin = { permission: 'identity:admin' as const };

  app.get(
    '/members',
    {
      config: read,
      schema: {
        tags,
        summary: 'Members of the tenant',
        response: { 200: z.object({ items: z.array(member) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, listMembers),
    }),
  );

  app.patch(
    '/members/:id',
    {
      config: admin,
      schema: {
        tags,
        summary: "Change a member's role",
        params: idParams,
        body: z.object({ role }),
        response: { 200: member },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => changeRole(hub, ctx, req.params.id, req.body.role)),
  );

  app.delete(
    '/members/:id',
    { config: admin, schema: { tags, summary: 'Remove a member', params: idParams, response: { 200: ok } } },
    async (req) => {
      await withTenant(req.ctx, (ctx) => removeMember(hub, ctx, req.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/invitations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Invitations of the tenant',
        response: { 200: z.object({ items: z.array(invitation) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, listInvitations),
    }),
  );

  app.post(
    '/invitations',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Invite someone by e-mail with a role',
        body: z.object({ email, role }),
        response: { 201: invitation },
      },
    },
    async (req, reply) => {
      const { token: _t, ...inv } = await withTenant(req.ctx, (ctx) => invite(hub, ctx, req.body));
      return reply.status(201).send(inv);
    },
  );

  app.delete(
    '/invitations/:id',
    {
      config: admin,
      schema: { tags, summary: 'Revoke a pending invitation', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => revokeInvitation(ctx, req.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/api-keys',
    {
      config: admin,
      schema: {
        tags,
        summary: 'API keys of the tenant (never the secrets)',
        response: { 200: z.object({ items: z.array(apiKey) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, listApiKeys),
    }),
  );

  app.post(
    '/api-keys',
    {
      config: admin,
      schema: {
        tags,
        summary: 'Create an API key; the key is shown in this answer only',
        body: z.object({
          name: z.string().trim().min(1).max(100),
          scopes: z.array(z.enum(API_KEY_SCOPES as [string, ...string[]])).min(1),
          expiresAt: z.iso.datetime({ offset: true }).optional(),
        }),
        response: { 201: apiKey.extend({ key: z.string() }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createApiKey(ctx, req.body))),
  );

  app.delete(
    '/api-keys/:id',
    {
      config: admin,
      schema: { tags, summary: 'Revoke an API key', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => revokeApiKey(hub, ctx, req.params.id));
      return { ok: true as const };
    },
  );

  app.get(
    '/audit',
    {
      config: admin,
      schema: {
        tags,
        summary: 'The audit log, newest first, with filters and a cursor',
        querystring: z.object({
          action: z.string().max(100).optional(),
          actorId: z.string().max(100).optional(),
          targetId: z.string().max(100).optional(),
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
          cursor: z.string().max(200).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(auditEntry), nextCursor: z.string().nullable() }) },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => listAudit(ctx, { ...req.query, before: req.query.cursor })),
  );
};
