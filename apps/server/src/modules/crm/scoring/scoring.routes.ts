import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { Hub } from '../../../platform/hub.js';
import { ruleInput } from './rules.js';
import { createRule, deleteRule, listRules, updateRule } from './rules.service.js';
import { enqueueRescoreAll } from './scoring.jobs.js';
import { modelSummary, retrain, scoreLead } from './scoring.service.js';

const rule = z.object({
  id: z.string(),
  kind: z.enum(['fit', 'engagement']),
  label: z.string(),
  condition: z.record(z.string(), z.unknown()),
  points: z.number(),
  createdAt: z.string(),
});
const reason = z.object({
  kind: z.enum(['fit', 'engagement', 'model']),
  label: z.string(),
  points: z.number(),
});
const leadScore = z.object({
  leadId: z.string(),
  score: z.number(),
  reasons: z.array(reason),
  usedModel: z.boolean(),
});
const model = z.object({
  trained: z.boolean(),
  closedLeads: z.number(),
  minimum: z.number(),
  model: z
    .object({
      id: z.string(),
      samples: z.number(),
      trainedAt: z.string(),
      metrics: z.record(z.string(), z.number()),
      weights: z.array(z.object({ feature: z.string(), label: z.string(), weight: z.number() })),
    })
    .nullable(),
});
const idParams = z.object({ id: z.uuid() });

/** Lead scoring: rules, the learned model, retraining, scoring one lead now. */
export const scoringRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm-scoring'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };

  app.get(
    '/scoring/rules',
    {
      config: read,
      schema: { tags, summary: 'Lead scoring rules', response: { 200: z.object({ items: z.array(rule) }) } },
    },
    async (req) => ({ items: await withTenant(req.ctx, listRules) }),
  );
  app.post(
    '/scoring/rules',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a fit or engagement scoring rule (all leads are rescored)',
        body: ruleInput,
        response: { 201: rule },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createRule(ctx, req.body))),
  );
  app.put(
    '/scoring/rules/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Replace a scoring rule',
        params: idParams,
        body: ruleInput,
        response: { 200: rule },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateRule(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/scoring/rules/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete a scoring rule', params: idParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await withTenant(req.ctx, (ctx) => deleteRule(ctx, req.params.id));
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/scoring/model',
    {
      config: read,
      schema: { tags, summary: 'The learned scoring model and its metrics', response: { 200: model } },
    },
    (req) => withTenant(req.ctx, modelSummary),
  );
  app.post(
    '/scoring/retrain',
    {
      config: write,
      schema: {
        tags,
        summary: 'Learn the scoring model from closed leads now (all leads are then rescored)',
        response: { 200: model },
      },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) => {
        const summary = await retrain(ctx);
        await enqueueRescoreAll(ctx);
        return summary;
      }),
  );
  app.post(
    '/scoring/leads/:id',
    {
      config: write,
      schema: { tags, summary: 'Score one lead now', params: idParams, response: { 200: leadScore } },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) => {
        const s = await scoreLead(ctx, req.params.id);
        if (!s) throw new AppError('CRM.LEAD_NOT_FOUND', 404, `Lead ${req.params.id} was not found`);
        return s;
      }),
  );
};
