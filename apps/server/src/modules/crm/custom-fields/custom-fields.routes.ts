import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import {
  createCustomField,
  deleteCustomField,
  listCustomFields,
  updateCustomField,
} from './custom-fields.service.js';
import { customFieldsChanged } from './custom-types-cache.js';

const entity = z.enum(['contact', 'company', 'lead', 'deal']);
const type = z.enum(['text', 'number', 'date', 'select', 'multiselect']);
const options = z.array(z.string().trim().min(1).max(100)).max(200);
const customField = z.object({
  id: z.string(),
  entity,
  key: z.string(),
  label: z.string(),
  type,
  options: z.array(z.string()),
  required: z.boolean(),
  position: z.number(),
  createdAt: z.string(),
});
const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

/** Custom fields per tenant on contacts, companies, leads and deals. */
export const customFieldRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['crm'];
  app.get(
    '/custom-fields',
    {
      config: { permission: 'crm:read' },
      schema: {
        tags,
        summary: 'Custom fields of the tenant',
        querystring: z.object({ entity: entity.optional() }),
        response: { 200: z.object({ items: z.array(customField) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, (ctx) => listCustomFields(ctx, req.query.entity)) }),
  );
  app.post(
    '/custom-fields',
    {
      config: { permission: 'crm:write' },
      schema: {
        tags,
        summary: 'Define a custom field',
        body: z.object({
          entity,
          key: z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, 'must be lower_snake_case, ≤ 40 characters'),
          label: z.string().trim().min(1).max(100),
          type,
          options: options.optional(),
          required: z.boolean().optional(),
          position: z.number().int().min(0).max(10000).optional(),
        }),
        response: { 201: customField },
      },
    },
    async (req, reply) => {
      const field = await withTenant(req.ctx, (ctx) => createCustomField(ctx, req.body));
      await customFieldsChanged(hub, String(req.ctx.tenantId));
      return reply.status(201).send(field);
    },
  );
  app.patch(
    '/custom-fields/:id',
    {
      config: { permission: 'crm:write' },
      schema: {
        tags,
        summary: 'Relabel a custom field, change its options, requiredness or position',
        params: idParams,
        body: z.object({
          label: z.string().trim().min(1).max(100).optional(),
          options: options.optional(),
          required: z.boolean().optional(),
          position: z.number().int().min(0).max(10000).optional(),
        }),
        response: { 200: customField },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateCustomField(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/custom-fields/:id',
    {
      config: { permission: 'crm:write' },
      schema: {
        tags,
        summary: 'Delete a custom field (values stay in records)',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await withTenant(req.ctx, (ctx) => deleteCustomField(ctx, req.params.id));
      await customFieldsChanged(hub, String(req.ctx.tenantId));
      return reply.status(204).send(null);
    },
  );
};
