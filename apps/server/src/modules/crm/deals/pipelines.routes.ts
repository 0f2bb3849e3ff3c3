import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { pipelineBoard } from './board.service.js';
import { idParams, ok } from './common.js';
import {
  dealSchema,
  pipelineCreate,
  pipelinePatch,
  pipelineSchema,
  reorderBody,
  stageCreate,
  stageParams,
  stagePatch,
  stageSchema,
} from './deals.schemas.js';
import {
  addStage,
  createPipeline,
  deletePipeline,
  deleteStage,
  getPipeline,
  listPipelines,
  reorderStages,
  updatePipeline,
  updateStage,
} from './pipelines.service.js';

/** Deal pipelines and their stages; the default pipeline appears on first use. */
export const pipelineRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm-deals'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };
  const one = { 200: pipelineSchema };

  app.get(
    '/pipelines',
    {
      config: read,
      schema: {
        tags,
        summary: 'Pipelines with their stages',
        response: { 200: z.object({ items: z.array(pipelineSchema) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, listPipelines) }),
  );
  app.post(
    '/pipelines',
    {
      config: write,
      schema: {
        tags,
        summary: 'Create a pipeline (standard stages unless given)',
        body: pipelineCreate,
        response: { 201: pipelineSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createPipeline(ctx, req.body))),
  );
  app.get(
    '/pipelines/:id',
    { config: read, schema: { tags, summary: 'A pipeline', params: idParams, response: one } },
    (req) => withTenant(req.ctx, (ctx) => getPipeline(ctx, req.params.id)),
  );
  app.get(
    '/pipelines/:id/board',
    {
      config: read,
      schema: {
        tags,
        summary: 'A pipeline as a kanban board: stages with count, amount and their first deals in order',
        params: idParams,
        querystring: z.object({ perStage: z.coerce.number().int().min(1).max(200).default(50) }),
        response: {
          200: z.object({
            pipeline: pipelineSchema.omit({ stages: true }),
            columns: z.array(
              z.object({
                stage: stageSchema,
                count: z.number(),
                amount: z.number(),
                deals: z.array(dealSchema),
              }),
            ),
          }),
        },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => pipelineBoard(ctx, req.params.id, req.query.perStage)),
  );
  app.patch(
    '/pipelines/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Rename, reorder or make default',
        params: idParams,
        body: pipelinePatch,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updatePipeline(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/pipelines/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete an empty, non-default pipeline',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deletePipeline(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/pipelines/:id/stages',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a stage',
        params: idParams,
        body: stageCreate,
        response: { 201: pipelineSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => addStage(ctx, req.params.id, req.body))),
  );
  app.patch(
    '/pipelines/:id/stages/:stageId',
    {
      config: write,
      schema: { tags, summary: 'Change a stage', params: stageParams, body: stagePatch, response: one },
    },
    (req) => withTenant(req.ctx, (ctx) => updateStage(ctx, req.params.id, req.params.stageId, req.body)),
  );
  app.delete(
    '/pipelines/:id/stages/:stageId',
    {
      config: write,
      schema: { tags, summary: 'Delete a stage without deals', params: stageParams, response: one },
    },
    (req) => withTenant(req.ctx, (ctx) => deleteStage(ctx, req.params.id, req.params.stageId)),
  );
  app.put(
    '/pipelines/:id/stages/order',
    {
      config: write,
      schema: { tags, summary: 'Reorder all stages', params: idParams, body: reorderBody, response: one },
    },
    (req) => withTenant(req.ctx, (ctx) => reorderStages(ctx, req.params.id, req.body.stageIds)),
  );
};
