import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from './db/tenant.js';
import type { Hub } from './hub.js';
import { cancelJob, listJobs, retryJob } from './jobs/jobs.js';
import { listOutbox } from './mail.js';
import { getWorkflowRun, listWorkflowRuns } from './workflows/workflows.js';

const status = z.enum(['pending', 'running', 'completed', 'failed', 'cancelled']);
const runSummary = z.object({
  id: z.string(),
  workflow: z.string(),
  status,
  error: z.string().nullable(),
  attempts: z.number(),
  steps: z.number(),
  createdAt: z.string(),
  updatedAt: z.string(),
  finishedAt: z.string().nullable(),
});
const job = z.object({
  id: z.string(),
  task: z.string(),
  state: z.enum(['queued', 'scheduled', 'running', 'failed']),
  tenantId: z.string().nullable(),
  attempts: z.number(),
  maxAttempts: z.number(),
  lastError: z.string().nullable(),
  runAt: z.string(),
  createdAt: z.string(),
  lockedBy: z.string().nullable(),
});
const ok = z.object({ ok: z.literal(true) });
const jobParams = z.object({ id: z.string().regex(/^\d{1,18}$/, 'must be a job id (digits)') });

/** Workflow runs of the active tenant, and the job queue and mail outbox for operators. */
export const platformRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['platform'];

  app.get(
    '/workflows/runs',
    {
      config: { permission: 'platform:read' },
      schema: {
        tags,
        summary: "The tenant's durable workflow runs, newest first",
        querystring: z.object({
          status: status.optional(),
          workflow: z.string().max(100).optional(),
          before: z.uuid().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: { 200: z.object({ items: z.array(runSummary), nextCursor: z.string().nullable() }) },
      },
    },
    async (req) => {
      const items = await withTenant(req.ctx, (ctx) => listWorkflowRuns(ctx, req.query));
      return {
        items,
        nextCursor: items.length === req.query.limit ? (items[items.length - 1]?.id ?? null) : null,
      };
    },
  );

  app.get(
    '/workflows/runs/:id',
    {
      config: { permission: 'platform:read' },
      schema: {
        tags,
        summary: 'One run with its checkpointed steps',
        params: z.object({ id: z.uuid() }),
        response: {
          200: runSummary.omit({ steps: true, updatedAt: true }).extend({
            input: z.unknown(),
            output: z.unknown(),
            steps: z.array(
              z.object({ step: z.string(), seq: z.number(), result: z.unknown(), finishedAt: z.string() }),
            ),
          }),
        },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => getWorkflowRun(ctx, req.params.id)),
  );

  app.get(
    '/jobs',
    {
      config: { operator: true },
      schema: {
        tags,
        summary: 'The job queue across tenants: queued, scheduled, running and failed jobs',
        querystring: z.object({
          state: job.shape.state.optional(),
          task: z.string().max(200).optional(),
          before: jobParams.shape.id.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(100),
        }),
        response: { 200: z.object({ items: z.array(job) }) },
      },
    },
    async (req) => ({ items: await listJobs(hub.db, { ...req.query, beforeId: req.query.before }) }),
  );

  app.post(
    '/jobs/:id/retry',
    {
      config: { operator: true },
      schema: {
        tags,
        summary: 'Run a failed or waiting job again now',
        params: jobParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await retryJob(hub.db, req.params.id);
      return { ok: true as const };
    },
  );

  app.delete(
    '/jobs/:id',
    {
      config: { operator: true },
      schema: { tags, summary: 'Cancel a job that is not running', params: jobParams, response: { 200: ok } },
    },
    async (req) => {
      await cancelJob(hub.db, req.params.id);
      return { ok: true as const };
    },
  );

  app.get(
    '/mail',
    {
      config: { operator: true },
      schema: {
        tags,
        summary: 'Mail sent or kept in the outbox (when no SMTP server is configured)',
        querystring: z.object({
          to: z.string().max(254).optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
        response: {
          200: z.object({
            items: z.array(
              z.object({
                id: z.string(),
                to: z.string(),
                subject: z.string(),
                text: z.string(),
                transport: z.enum(['smtp', 'outbox']),
                createdAt: z.string(),
              }),
            ),
          }),
        },
      },
    },
    async (req) => ({ items: await listOutbox(hub, req.query) }),
  );
};
