import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import {
  address,
  bulkTarget,
  customValues,
  type Filter,
  fromQuerystring,
  idParams,
  listQuerystring,
  pageOf,
  tagList,
  uuid,
  withView,
} from '../lists/index.js';
import { exportRoute } from '../shared/export-route.js';
import {
  bulkDeleteCompanies,
  bulkUpdateCompanies,
  createCompany,
  deleteCompany,
  findDuplicateCompanies,
  getCompany,
  listCompanies,
  updateCompany,
} from './companies.service.js';
import { mergeCompanies } from './companies-merge.service.js';
import { companyTable } from './company-table.js';

const text = (max: number) => z.string().trim().max(max);
const companyBody = z.object({
  name: text(300).min(1),
  domain: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain like example.com')
    .nullable()
    .optional(),
  industry: text(120).nullable().optional(),
  size: z.enum(['1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+']).nullable().optional(),
  phone: text(40).nullable().optional(),
  address: address.optional(),
  tags: tagList.optional(),
  ownerId: uuid.nullable().optional(),
  custom: customValues.optional(),
  externalId: text(200).min(1).nullable().optional(),
});
const company = z.object({
  id: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  size: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.record(z.string(), z.string()),
  tags: z.array(z.string()),
  ownerId: z.string().nullable(),
  custom: z.record(z.string(), z.unknown()),
  externalId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** Companies: CRUD, lists, export, bulk delete, duplicates by domain. */
export const companyRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };
  app.get(
    '/companies',
    {
      config: read,
      schema: {
        tags,
        summary: 'List companies',
        querystring: listQuerystring,
        response: { 200: pageOf(company) },
      },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) =>
        listCompanies(ctx, await withView(ctx, 'company', req.query.view, fromQuerystring(req.query))),
      ),
  );
  exportRoute(app, {
    path: '/companies/export',
    entity: 'company',
    plural: 'companies',
    table: companyTable,
    list: listCompanies,
  });

  app.get(
    '/companies/duplicates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Companies sharing a domain',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: {
          200: z.object({
            items: z.array(
              z.object({ reason: z.literal('domain'), value: z.string(), companyIds: z.array(z.string()) }),
            ),
          }),
        },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, (ctx) => findDuplicateCompanies(ctx, req.query.limit)),
    }),
  );
  app.get(
    '/companies/:id',
    { config: read, schema: { tags, summary: 'One company', params: idParams, response: { 200: company } } },
    (req) => withTenant(req.ctx, (ctx) => getCompany(ctx, req.params.id)),
  );
  app.post(
    '/companies',
    {
      config: write,
      schema: { tags, summary: 'Create a company', body: companyBody, response: { 201: company } },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createCompany(ctx, req.body))),
  );
  app.patch(
    '/companies/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a company',
        params: idParams,
        body: companyBody.partial(),
        response: { 200: company },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateCompany(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/companies/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a company', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await withTenant(req.ctx, (ctx) => deleteCompany(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/companies/bulk-update',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add/remove tags, set the owner or custom values on many companies (by ids or filter)',
        body: z.object({
          ...bulkTarget,
          set: z.object({
            addTags: tagList.optional(),
            removeTags: tagList.optional(),
            ownerId: uuid.nullable().optional(),
            custom: customValues.optional(),
          }),
        }),
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req) => ({
      updated: await withTenant(req.ctx, (ctx) =>
        bulkUpdateCompanies(
          ctx,
          { ...req.body, filter: req.body.filter as Filter | undefined },
          req.body.set,
        ),
      ),
    }),
  );
  app.post(
    '/companies/bulk-delete',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete many companies (by ids or filter)',
        body: z.object(bulkTarget),
        response: { 200: z.object({ deleted: z.number() }) },
      },
    },
    async (req) => ({
      deleted: await withTenant(req.ctx, (ctx) =>
        bulkDeleteCompanies(ctx, { ...req.body, filter: req.body.filter as Filter | undefined }),
      ),
    }),
  );
  app.post(
    '/companies/:id/merge',
    {
      config: write,
      schema: {
        tags,
        summary: 'Merge other companies into this one (contacts, leads, deals and activities move over)',
        params: idParams,
        body: z.object({ otherIds: z.array(uuid).min(1).max(50) }),
        response: { 200: company },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => mergeCompanies(ctx, req.params.id, req.body.otherIds)),
  );
};
