import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { Hub } from '../../../platform/hub.js';
import { enforceLimit } from '../../../platform/rate-limit.js';
import { embedSnippet } from './embed.js';
import { form, formInput, formPatch, submission } from './forms.schemas.js';
import { createForm, deleteForm, formNotFound, getForm, listForms, updateForm } from './forms.service.js';
import { htmlReturnPath, returnUrl } from './html-post.js';
import { parseFormPublicId } from './public-id.js';
import { submitForm } from './submit.service.js';

/** Public submissions: per client IP and per form, counted together by every hub process. */
export const FORM_LIMITS = {
  ip: { name: 'crm-form:ip', max: 10, windowSeconds: 60 },
  form: { name: 'crm-form:form', max: 120, windowSeconds: 60 },
};

const idParams = z.object({ id: z.uuid() });

/** Lead capture forms: CRUD, embed snippet, and the public submit endpoint. */
export const formsRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['crm-forms'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };

  app.get(
    '/forms',
    {
      config: read,
      schema: { tags, summary: 'Lead capture forms', response: { 200: z.object({ items: z.array(form) }) } },
    },
    async (req) => ({ items: await withTenant(req.ctx, listForms) }),
  );

  app.post(
    '/forms',
    {
      config: write,
      schema: { tags, summary: 'Create a lead capture form', body: formInput, response: { 201: form } },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createForm(ctx, req.body))),
  );

  app.get(
    '/forms/:id',
    {
      config: read,
      schema: { tags, summary: 'A lead capture form', params: idParams, response: { 200: form } },
    },
    (req) => withTenant(req.ctx, (ctx) => getForm(ctx, req.params.id)),
  );

  app.patch(
    '/forms/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change a lead capture form',
        params: idParams,
        body: formPatch,
        response: { 200: form },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateForm(ctx, req.params.id, req.body)),
  );

  app.delete(
    '/forms/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a lead capture form', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await withTenant(req.ctx, (ctx) => deleteForm(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/forms/:id/embed',
    {
      config: read,
      schema: {
        tags,
        summary:
          'HTML snippet (plain form and a tiny inline script) that posts to the public submit endpoint',
        params: idParams,
      },
    },
    async (req, reply) => {
      const f = await withTenant(req.ctx, (ctx) => getForm(ctx, req.params.id));
      reply.type('text/html; charset=utf-8');
      return embedSnippet(f, hub.config.PUBLIC_URL);
    },
  );

  app.post(
    '/forms/:id/submit',
    {
      config: { public: true },
      // Embedded on the tenant's own sites: any page may post (no credentials) and read the answer.
      onSend: async (_req, reply) => {
        reply.header('access-control-allow-origin', '*');
      },
      schema: {
        tags,
        summary: "Public: submit a lead capture form (id is the form's publicId)",
        params: z.object({ id: z.string().max(100) }),
        body: submission,
        response: { 200: z.object({ ok: z.literal(true), message: z.string() }) },
      },
    },
    async (req, reply) => {
      // A plain HTML post (JavaScript off) is answered with a redirect back to its page.
      const back = htmlReturnPath(req);
      try {
        const parsed = parseFormPublicId(req.params.id);
        if (!parsed) throw formNotFound(req.params.id);
        await enforceLimit(hub, FORM_LIMITS.ip, req.ip);
        await enforceLimit(hub, FORM_LIMITS.form, parsed.formId);
        const referer = typeof req.headers.referer === 'string' ? req.headers.referer : undefined;
        // The tenant comes from the id; row-level security then finds the form only in that tenant.
        const { message } = await withTenant({ ...req.ctx, tenantId: parsed.tenantId }, (ctx) =>
          submitForm(ctx, parsed.formId, req.body, { referer }),
        );
        if (back) return reply.redirect(returnUrl(back, req.params.id), 303);
        return { ok: true as const, message };
      } catch (err) {
        if (back && err instanceof AppError && err.status === 400)
          return reply.redirect(returnUrl(back, req.params.id, err), 303);
        throw err;
      }
    },
  );
};
