import { Readable } from 'node:stream';
import type { Ctx } from '../../../platform/context.js';
import { withTenant } from '../../../platform/db/tenant.js';
import { csvLine } from './csv.js';
import type { CustomTypes, EntityTable } from './entity-table.js';
import { type ListQuery, runList } from './list-query.js';

/**
 * Streams every row of a filtered list as CSV: a header, then pages of 1,000 read by keyset
 * (each page in its own short transaction, so a long download holds no transaction open).
 * Arrays are joined with `; `, custom fields get one `custom.<key>` column each.
 */
export function exportCsv(
  base: Ctx,
  def: EntityTable,
  custom: CustomTypes,
  q: Omit<ListQuery, 'cursor' | 'limit'>,
): Readable {
  const fields = Object.keys(def.columns).filter((f) => f !== 'custom');
  const customKeys = [...custom.keys()];
  async function* lines() {
    yield csvLine([...fields, ...customKeys.map((k) => `custom.${k}`)]);
    let cursor: string | undefined;
    for (;;) {
      const page = await withTenant(base, (ctx) =>
        runList<Record<string, unknown>>(ctx, def, custom, { ...q, cursor, limit: 1000 }),
      );
      let chunk = '';
      for (const r of page.items) {
        const c = (r.custom ?? {}) as Record<string, unknown>;
        chunk += csvLine([...fields.map((f) => r[f]), ...customKeys.map((k) => c[k])]);
      }
      if (chunk) yield chunk;
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
    }
  }
  return Readable.from(lines());
}
