import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { currency, isoDate, uuid } from '../deals/common.js';
import {
  activityByOwner,
  dealsByStage,
  forecast,
  leadConversion,
  recordCounts,
  winRate,
} from './reports.service.js';

const periodQuery = z.object({ from: isoDate.optional(), to: isoDate.optional() });
const range = { from: z.string(), to: z.string() };
const rate = z.number().nullable();

const byStage = z.object({
  items: z.array(
    z.object({
      pipelineId: z.string(),
      name: z.string(),
      count: z.number(),
      amount: z.number(),
      stages: z.array(
        z.object({
          stageId: z.string(),
          name: z.string(),
          kind: z.enum(['open', 'won', 'lost']),
          probability: z.number(),
          count: z.number(),
          amount: z.number(),
        }),
      ),
    }),
  ),
});
const winRateSchema = z.object({
  ...range,
  won: z.number(),
  lost: z.number(),
  closed: z.number(),
  winRate: rate,
  wonAmount: z.number(),
  lostAmount: z.number(),
});
const conversionSchema = z.object({
  ...range,
  items: z.array(z.object({ source: z.string().nullable(), leads: z.number(), converted: z.number(), rate })),
  total: z.object({ leads: z.number(), converted: z.number(), rate }),
});
const month = z.object({ deals: z.number(), amount: z.number(), weighted: z.number() });
const forecastSchema = z.object({
  ...range,
  items: z.array(month.extend({ month: z.string() })),
  total: month,
});
const byOwnerSchema = z.object({
  ...range,
  items: z.array(
    z.object({
      userId: z.string().nullable(),
      note: z.number(),
      task: z.number(),
      call: z.number(),
      meeting: z.number(),
      email: z.number(),
      total: z.number(),
    }),
  ),
});

/** CRM reports as JSON; figures are computed in SQL over the tenant's rows. */
export const reportRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm-reports'];
  const config = { permission: 'crm:read' as const };

  app.get(
    '/reports/counts',
    {
      config,
      schema: {
        tags,
        summary: 'How many contacts, companies, leads and deals (by status) the tenant has, counted exactly',
        querystring: z.object({}).strict(),
        response: {
          200: z.object({
            contacts: z.number(),
            companies: z.number(),
            leads: z.object({ total: z.number(), open: z.number() }),
            deals: z.object({ open: z.number(), won: z.number(), lost: z.number() }),
          }),
        },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => recordCounts(ctx)),
  );
  app.get(
    '/reports/deals-by-stage',
    {
      config,
      schema: {
        tags,
        summary: 'Deals by stage (count, amount) per pipeline',
        querystring: z.object({ pipelineId: uuid.optional(), currency: currency.optional() }),
        response: { 200: byStage },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => dealsByStage(ctx, req.query)),
  );
  app.get(
    '/reports/win-rate',
    {
      config,
      schema: {
        tags,
        summary: 'Won / closed among deals closed in the period (default: last 90 days)',
        querystring: periodQuery.extend({ pipelineId: uuid.optional(), ownerId: uuid.optional() }),
        response: { 200: winRateSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => winRate(ctx, req.query)),
  );
  app.get(
    '/reports/lead-conversion',
    {
      config,
      schema: {
        tags,
        summary: 'Leads created in the period and converted, by source',
        querystring: periodQuery,
        response: { 200: conversionSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => leadConversion(ctx, req.query)),
  );
  app.get(
    '/reports/forecast',
    {
      config,
      schema: {
        tags,
        summary: 'Open deals by expected close month: amount and amount × stage probability',
        querystring: periodQuery.extend({ pipelineId: uuid.optional(), currency: currency.optional() }),
        response: { 200: forecastSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => forecast(ctx, req.query)),
  );
  app.get(
    '/reports/activity-by-owner',
    {
      config,
      schema: {
        tags,
        summary: 'Activities in the period per owner (assignee, else author), by type',
        querystring: periodQuery,
        response: { 200: byOwnerSchema },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => activityByOwner(ctx, req.query)),
  );
};
