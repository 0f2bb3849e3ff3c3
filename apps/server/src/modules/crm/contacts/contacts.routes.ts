import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import {
  bulkTarget,
  type Filter,
  fromQuerystring,
  idParams,
  listQuerystring,
  pageOf,
  uuid,
  withView,
} from '../lists/index.js';
import { exportRoute } from '../shared/export-route.js';
import { contactTable } from './contact-table.js';
import { bulkSet, contact, contactBody, duplicateGroup } from './contacts.schemas.js';
import {
  bulkDeleteContacts,
  bulkUpdateContacts,
  createContact,
  deleteContact,
  getContact,
  listContacts,
  updateContact,
} from './contacts.service.js';
import { findDuplicateContacts, mergeContacts } from './contacts-merge.service.js';

/** Contacts: CRUD, lists (filter, search, sort, cursor, views), export, bulk, duplicates, merge. */
export const contactRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };

  app.get(
    '/contacts',
    {
      config: read,
      schema: {
        tags,
        summary: 'List contacts',
        querystring: listQuerystring,
        response: { 200: pageOf(contact) },
      },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) =>
        listContacts(ctx, await withView(ctx, 'contact', req.query.view, fromQuerystring(req.query))),
      ),
  );

  exportRoute(app, {
    path: '/contacts/export',
    entity: 'contact',
    plural: 'contacts',
    table: contactTable,
    list: listContacts,
  });

  app.get(
    '/contacts/duplicates',
    {
      config: read,
      schema: {
        tags,
        summary: 'Contacts sharing an e-mail, a phone number or a company domain',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
        response: { 200: z.object({ items: z.array(duplicateGroup) }) },
      },
    },
    async (req) => ({
      items: await withTenant(req.ctx, (ctx) => findDuplicateContacts(ctx, req.query.limit)),
    }),
  );

  app.get(
    '/contacts/:id',
    { config: read, schema: { tags, summary: 'One contact', params: idParams, response: { 200: contact } } },
    (req) => withTenant(req.ctx, (ctx) => getContact(ctx, req.params.id)),
  );

  app.post(
    '/contacts',
    {
      config: write,
      schema: { tags, summary: 'Create a contact', body: contactBody, response: { 201: contact } },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createContact(ctx, req.body))),
  );

  app.patch(
    '/contacts/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a contact (custom values are merged; null removes one)',
        params: idParams,
        body: contactBody,
        response: { 200: contact },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateContact(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/contacts/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a contact', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await withTenant(req.ctx, (ctx) => deleteContact(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/contacts/bulk-update',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add/remove tags, set the owner or custom values on many contacts (by ids or filter)',
        body: z.object({ ...bulkTarget, set: bulkSet }),
        response: { 200: z.object({ updated: z.number() }) },
      },
    },
    async (req) => ({
      updated: await withTenant(req.ctx, (ctx) =>
        bulkUpdateContacts(ctx, { ...req.body, filter: req.body.filter as Filter | undefined }, req.body.set),
      ),
    }),
  );

  app.post(
    '/contacts/bulk-delete',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete many contacts (by ids or filter)',
        body: z.object(bulkTarget),
        response: { 200: z.object({ deleted: z.number() }) },
      },
    },
    async (req) => ({
      deleted: await withTenant(req.ctx, (ctx) =>
        bulkDeleteContacts(ctx, { ...req.body, filter: req.body.filter as Filter | undefined }),
      ),
    }),
  );

  app.post(
    '/contacts/:id/merge',
    {
      config: write,
      schema: {
        tags,
        summary: 'Merge other contacts into this one (activities, leads and deals move over)',
        params: idParams,
        body: z.object({ otherIds: z.array(uuid).min(1).max(50) }),
        response: { 200: contact },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => mergeContacts(ctx, req.params.id, req.body.otherIds)),
  );
};
