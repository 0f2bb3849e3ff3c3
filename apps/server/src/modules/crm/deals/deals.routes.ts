import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { fromQuerystring, withView } from '../lists/index.js';
import { idParams, ok, page } from './common.js';
import { closeDeal, moveDeal } from './deal-move.service.js';
import { dealCreate, dealPatch, dealQuery, dealSchema, lostBody, moveBody } from './deals.schemas.js';
import { createDeal, deleteDeal, getDeal, listDeals, updateDeal } from './deals.service.js';

/** Deals: CRUD, kanban moves with fractional positions, won/lost/reopen. */
export const dealRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm-deals'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };
  const one = { 200: dealSchema };

  app.get(
    '/deals',
    {
      config: read,
      schema: {
        tags,
        summary: 'Deals: the shared list filter, search, sort and cursor, plus deal shortcuts',
        querystring: dealQuery,
        response: { 200: page(dealSchema) },
      },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) => {
        const { view, q, filter, sort, limit, cursor, ...only } = req.query;
        const list = await withView(ctx, 'deal', view, fromQuerystring({ q, filter, sort, limit, cursor }));
        return listDeals(ctx, { ...only, ...list });
      }),
  );
  app.post(
    '/deals',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a deal (default pipeline and its first open stage unless given)',
        body: dealCreate,
        response: { 201: dealSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createDeal(ctx, req.body))),
  );
  app.get(
    '/deals/:id',
    { config: read, schema: { tags, summary: 'A deal', params: idParams, response: one } },
    (req) => withTenant(req.ctx, (ctx) => getDeal(ctx, req.params.id)),
  );
  app.patch(
    '/deals/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a deal (stage and status have their own routes)',
        params: idParams,
        body: dealPatch,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateDeal(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/deals/:id',
    { config: write, schema: { tags, summary: 'Delete a deal', params: idParams, response: { 200: ok } } },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteDeal(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  app.patch(
    '/deals/:id/move',
    {
      config: write,
      schema: {
        tags,
        summary: 'Move a deal to a stage and position (position, or between beforeId/afterId)',
        params: idParams,
        body: moveBody,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => moveDeal(ctx, req.params.id, req.body)),
  );
  app.post(
    '/deals/:id/won',
    { config: write, schema: { tags, summary: 'Mark a deal won', params: idParams, response: one } },
    (req) => withTenant(req.ctx, (ctx) => closeDeal(ctx, req.params.id, 'won')),
  );
  app.post(
    '/deals/:id/lost',
    {
      config: write,
      schema: {
        tags,
        summary: 'Mark a deal lost with a reason',
        params: idParams,
        body: lostBody,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => closeDeal(ctx, req.params.id, 'lost', req.body.reason)),
  );
  app.post(
    '/deals/:id/reopen',
    {
      config: write,
      schema: { tags, summary: 'Open a won or lost deal again', params: idParams, response: one },
    },
    (req) => withTenant(req.ctx, (ctx) => closeDeal(ctx, req.params.id, 'open')),
  );
};
