import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { TenantCtx } from '../../../platform/context.js';
import { withTenant } from '../../../platform/db/tenant.js';
import { customTypesOf } from '../custom-fields/index.js';
import {
  type CrmEntity,
  type EntityTable,
  exportCsv,
  fromQuerystring,
  type ListQuery,
  listQuerystring,
  withView,
} from '../lists/index.js';

/**
 * GET <path>: every record of a filtered list as CSV, streamed. The query (filter, search, sort or
 * a saved view) is checked by running the list once before the first byte goes out, so a bad
 * filter is still a 400 problem, not a broken download.
 */
export function exportRoute(
  app: FastifyInstance,
  opts: {
    path: string;
    entity: CrmEntity;
    plural: string;
    table: EntityTable;
    list: (ctx: TenantCtx, q: ListQuery) => Promise<unknown>;
  },
) {
  app.withTypeProvider<ZodTypeProvider>().get(
    opts.path,
    {
      config: { permission: 'crm:read' },
      schema: {
        tags: ['crm'],
        summary: `Every ${opts.entity} of a filtered list as CSV (streamed)`,
        querystring: listQuerystring.omit({ cursor: true, limit: true }),
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const { custom, q } = await withTenant(req.ctx, async (ctx) => {
        const q = await withView(ctx, opts.entity, req.query.view, fromQuerystring(req.query));
        await opts.list(ctx, { ...q, limit: 1 });
        return { custom: await customTypesOf(ctx, opts.entity), q };
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${opts.plural}.csv"`)
        .send(exportCsv(req.ctx, opts.table, custom, { q: q.q, filter: q.filter, sort: q.sort }));
    },
  );
}
