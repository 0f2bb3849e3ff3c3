import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { idParams, ok, page } from '../deals/common.js';
import {
  activityCreate,
  activityPatch,
  activityQuery,
  activitySchema,
  timelineItem,
  timelineQuery,
} from './activities.schemas.js';
import {
  createActivity,
  deleteActivity,
  getActivity,
  listActivities,
  updateActivity,
} from './activities.service.js';
import { type RecordKind, timeline } from './timeline.service.js';

/** Notes, tasks, calls, meetings and e-mails on CRM records; one timeline per record. */
export const activityRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm-activities'];
  const read = { permission: 'crm:read' as const };
  const write = { permission: 'crm:write' as const };
  const one = { 200: activitySchema };

  app.get(
    '/activities',
    {
      config: read,
      schema: {
        tags,
        summary: 'Activities, newest first (open=true: tasks not done)',
        querystring: activityQuery,
        response: { 200: page(activitySchema) },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => listActivities(ctx, req.query)),
  );
  app.post(
    '/activities',
    {
      config: write,
      schema: {
        tags,
        summary: 'Log an activity on a record',
        body: activityCreate,
        response: { 201: activitySchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createActivity(ctx, req.body))),
  );
  app.get(
    '/activities/:id',
    { config: read, schema: { tags, summary: 'An activity', params: idParams, response: one } },
    (req) => withTenant(req.ctx, (ctx) => getActivity(ctx, req.params.id)),
  );
  app.patch(
    '/activities/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change an activity; done=true completes a task',
        params: idParams,
        body: activityPatch,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateActivity(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/activities/:id',
    {
      config: write,
      schema: { tags, summary: 'Delete an activity', params: idParams, response: { 200: ok } },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteActivity(ctx, req.params.id));
      return { ok: true as const };
    },
  );

  const timelines: [string, RecordKind][] = [
    ['contacts', 'contact'],
    ['companies', 'company'],
    ['deals', 'deal'],
    ['leads', 'lead'],
  ];
  for (const [path, kind] of timelines) {
    app.get(
      `/${path}/:id/timeline`,
      {
        config: read,
        schema: {
          tags,
          summary: `A ${kind}'s activities and events, newest first`,
          params: idParams,
          querystring: timelineQuery,
          response: { 200: page(timelineItem) },
        },
      },
      (req) => withTenant(req.ctx, (ctx) => timeline(ctx, kind, req.params.id, req.query)),
    );
  }
};
