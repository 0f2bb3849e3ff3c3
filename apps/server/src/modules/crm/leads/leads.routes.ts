import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { idParams, ok, page } from '../deals/common.js';
import { bulkTarget, type Filter, fromQuerystring, withView } from '../lists/index.js';
import { exportRoute } from '../shared/export-route.js';
import { convertLead } from './lead-convert.service.js';
import { leadTable } from './lead-table.js';
import {
  convertBody,
  convertResult,
  leadBulkSet,
  leadCreate,
  leadPatch,
  leadQuery,
  leadSchema,
} from './leads.schemas.js';
import { createLead, deleteLead, getLead, listLeads, updateLead } from './leads.service.js';
import { bulkDeleteLeads, bulkUpdateLeads } from './leads-bulk.service.js';

/** Leads: CRUD, status changes, conversion into contact, company and deal, export, bulk. */
export const leadRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm-leads'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };
  const one = { 200: leadSchema };

  app.get(
    '/leads',
    {
      config: read,
      schema: {
        tags,
        summary: 'Leads: the shared list filter, search, sort and cursor, plus lead shortcuts',
        querystring: leadQuery,
        response: { 200: page(leadSchema) },
      },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) => {
        const { view, q, filter, sort, limit, cursor, ...only } = req.query;
        const list = await withView(ctx, 'lead', view, fromQuerystring({ q, filter, sort, limit, cursor }));
        return listLeads(ctx, { ...only, ...list });
      }),
  );
  exportRoute(app, {
    path: '/leads/export',
    entity: 'lead',
    plural: 'leads',
    table: leadTable,
    list: listLeads,
  });
  app.post(
    '/leads/bulk-update',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add/remove tags, set the owner, status or custom values on many leads (by ids or filter)',
        body: z.object({ ...bulkTarget, set: leadBulkSet }),
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req) => ({
      updated: await withTenant(req.ctx, (ctx) =>
        bulkUpdateLeads(ctx, { ...req.body, filter: req.body.filter as Filter | undefined }, req.body.set),
      ),
    }),
  );
  app.post(
    '/leads/bulk-delete',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete many leads (by ids or filter)',
        body: z.object(bulkTarget),
        response: { 200: z.object({ deleted: z.number() }) },
      },
    },
    async (req) => ({
      deleted: await withTenant(req.ctx, (ctx) =>
        bulkDeleteLeads(ctx, { ...req.body, filter: req.body.filter as Filter | undefined }),
      ),
    }),
  );
  app.post(
    '/leads',
    {
      config: write,
      schema: { tags, summary: 'Create a lead', body: leadCreate, response: { 201: leadSchema } },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createLead(ctx, req.body))),
  );
  app.get(
    '/leads/:id',
    { config: read, schema: { tags, summary: 'A lead', params: idParams, response: one } },
    (req) => withTenant(req.ctx, (ctx) => getLead(ctx, req.params.id)),
  );
  app.patch(
    '/leads/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a lead or its status',
        params: idParams,
        body: leadPatch,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateLead(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/leads/:id',
    { config: write, schema: { tags, summary: 'Delete a lead', params: idParams, response: { 200: ok } } },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteLead(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/leads/:id/convert',
    {
      config: write,
      schema: {
        tags,
        summary: 'Convert a lead: contact (reused by e-mail), company (by domain or name), optional deal',
        params: idParams,
        body: convertBody,
        response: { 200: convertResult },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => convertLead(ctx, req.params.id, req.body ?? {})),
  );
};
