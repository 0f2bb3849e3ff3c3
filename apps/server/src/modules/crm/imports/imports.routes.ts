import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { Hub } from '../../../platform/hub.js';
import { uuid } from '../deals/common.js';
import { idParams } from '../lists/index.js';
import { createImport, getImport, listImports } from './imports.service.js';

const CSV_LIMIT = 20 * 1024 * 1024;
const entity = z.enum(['contact', 'company', 'lead', 'deal']);
const mapping = z
  .record(z.string().min(1).max(200), z.string().min(1).max(80))
  .refine((m) => Object.keys(m).length > 0, 'map at least one column')
  .describe('CSV header → field: firstName, emails, tags, externalId, address.city, custom.<key>, …');
const pipelineId = uuid
  .optional()
  .describe("Deal imports only (required there): the pipeline the deals go into, one of this tenant's");
/** Deal imports name their pipeline; other imports must not (it would be ignored silently). */
const needsPipeline = (v: { entity: string; pipelineId?: string }, ctx: z.RefinementCtx) => {
  if (v.entity === 'deal' && !v.pipelineId)
    ctx.addIssue({ code: 'custom', path: ['pipelineId'], message: 'is required for a deal import' });
  if (v.entity !== 'deal' && v.pipelineId)
    ctx.addIssue({ code: 'custom', path: ['pipelineId'], message: 'only deal imports go into a pipeline' });
};
const DEALS = `Deals (entity deal, with pipelineId) take the fields name (required), amount, currency, stage,
expectedCloseDate, ownerEmail, companyName, contactEmail, lostReason, tags, externalId and custom.<key>.
amount: digits with "." as the decimal mark, "," only as a thousands separator ("1,200.50"), an optional
currency sign or code ("$1200", "1200 EUR"); negative amounts and more than two decimals ("1.200") are bad
rows. currency: three letters; empty: the code in the amount cell, else the deal's currency (re-import), else
the currency most of the pipeline's deals have, else USD. stage: a stage name of the pipeline, any case;
unknown names are bad rows listing the stages; empty: the first open stage (an existing deal of this pipeline stays put; one of another pipeline moves into this one).
Deals in a won/lost stage get that status and closedAt; lostReason is kept on lost deals only.
expectedCloseDate: 2026-03-31 (a time after it is ignored), 2026/03/31, 31/03/2026, 31.03.2026, 31-03-2026
(numbers with the year last: day first, unless the file's own dates show month first, e.g. 03/31/2026 with no 31/03/2026), 31 Mar 2026 or March 31, 2026. ownerEmail: a member's
e-mail, else a bad row. companyName / contactEmail link the one company with that name / contact with that
e-mail (any case); none or several: no link, not an error. New deals and deals changing stage go to the end of
their stage in file order; a row whose externalId was imported before updates that deal.`;
const importRecord = z.object({
  id: z.string(),
  entity: z.string(),
  filename: z.string(),
  pipelineId: z.string().nullable(),
  mapping: z.record(z.string(), z.string()),
  status: z.enum(['queued', 'running', 'completed', 'failed']),
  totalRows: z.number(),
  processedRows: z.number(),
  createdRows: z.number(),
  updatedRows: z.number(),
  failedRows: z.number(),
  errors: z.array(z.object({ line: z.number(), reason: z.string() })),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
const filename = z.string().trim().min(1).max(255);

/** CSV imports of contacts, companies, leads and deals, run as jobs with visible progress. */
export const importRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app) => {
  const tags = ['crm'];
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: CSV_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  app.post(
    '/imports',
    {
      config: { permission: 'crm:write' },
      schema: {
        tags,
        summary: 'Start an import from CSV text in JSON (up to the 1 MiB body limit; larger: /imports/csv)',
        description: DEALS,
        body: z
          .object({ entity, filename, csv: z.string().min(1), mapping, pipelineId })
          .superRefine(needsPipeline),
        response: { 202: importRecord },
      },
    },
    async (req, reply) =>
      reply.status(202).send(await withTenant(req.ctx, (ctx) => createImport(ctx, req.body))),
  );
  app.post(
    '/imports/csv',
    {
      config: { permission: 'crm:write' },
      bodyLimit: CSV_LIMIT,
      schema: {
        tags,
        summary: 'Start an import from a text/csv upload (up to 20 MiB); mapping as a JSON query parameter',
        description: DEALS,
        consumes: ['text/csv'],
        querystring: z
          .object({
            entity,
            filename,
            mapping: z.string().max(20000).describe('JSON: CSV header → field'),
            pipelineId,
          })
          .superRefine(needsPipeline),
        body: z.string().min(1),
        response: { 202: importRecord },
      },
    },
    async (req, reply) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(req.query.mapping);
      } catch {
        parsed = undefined;
      }
      const m = mapping.safeParse(parsed);
      if (!m.success)
        throw new AppError(
          'CRM.IMPORT_MAPPING',
          400,
          'query.mapping: must be a JSON object of header → field',
          {
            errors: [{ field: 'query.mapping', message: 'must be a JSON object of header → field' }],
          },
        );
      const input = {
        entity: req.query.entity,
        filename: req.query.filename,
        csv: req.body,
        mapping: m.data,
        pipelineId: req.query.pipelineId,
      };
      return reply.status(202).send(await withTenant(req.ctx, (ctx) => createImport(ctx, input)));
    },
  );
  app.get(
    '/imports',
    {
      config: { permission: 'crm:read' },
      schema: {
        tags,
        summary: 'Recent imports',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }),
        response: { 200: z.object({ items: z.array(importRecord) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, (ctx) => listImports(ctx, req.query.limit)) }),
  );
  app.get(
    '/imports/:id',
    {
      config: { permission: 'crm:read' },
      schema: {
        tags,
        summary: 'Progress of an import and its bad rows',
        params: idParams,
        response: { 200: importRecord },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => getImport(ctx, req.params.id)),
  );
};
