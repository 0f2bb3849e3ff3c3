import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import type { CustomTypes, EntityTable } from './entity-table.js';
import { selectList } from './entity-table.js';
import { buildFilter, FILTER_DOC, type Filter, filterError, parseFilter } from './filter.js';

/** What a list request (or a saved view) asks for. */
export interface ListQuery {
  q?: string;
  filter?: Filter;
  sort?: string;
  limit?: number;
  cursor?: string;
}

/** Query-string schema shared by every CRM list route. */
export const listQuerystring = z.object({
  q: z.string().max(200).optional().describe('Full-text search with prefix matching on every word'),
  filter: z.string().max(8000).optional().describe(FILTER_DOC),
  sort: z
    .string()
    .max(60)
    .optional()
    .describe('A sortable field, `-` prefix for descending, e.g. `-createdAt`, `lastName`, `custom.tier`'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional().describe('`nextCursor` of the previous page (opaque)'),
  view: z.uuid().optional().describe('A saved view whose query fills in what is not given here'),
});
export type ListQuerystring = z.infer<typeof listQuerystring>;

/** Turns the query-string form into a ListQuery (the filter arrives as JSON). */
export function fromQuerystring(qs: Partial<Omit<ListQuerystring, 'view'>>): ListQuery {
  return { q: qs.q, filter: parseFilter(qs.filter), sort: qs.sort, limit: qs.limit, cursor: qs.cursor };
}

/** `ann smi` → `'ann':* & 'smi':*` (every word, prefix-matched); null when nothing is left. */
export function toTsQuery(q: string | undefined): string | null {
  const words = (q ?? '')
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}@._+-]/gu, '').replace(/^[._+-]+|[._+-]+$/g, ''))
    .filter(Boolean)
    .slice(0, 10);
  return words.length ? words.map((w) => `'${w}':*`).join(' & ') : null;
}

interface Sort {
  expr: SQL;
  desc: boolean;
  cast: string;
  /** A `(tenant_id, column, id)` btree serves this sort (walked in either direction). */
  indexed?: boolean;
}

function resolveSort(def: EntityTable, custom: CustomTypes, raw: string | undefined): Sort {
  const s = raw || def.defaultSort;
  const desc = s.startsWith('-');
  const field = desc ? s.slice(1) : s;
  if (field.startsWith('custom.')) {
    const key = field.slice(7);
    const type = custom.get(key);
    if (!type || type === 'multiselect') throw filterError(field, 'cannot sort by this field', 'query.sort');
    if (type === 'number')
      return { expr: sql`coalesce((custom->>${key})::numeric, 0)`, desc, cast: 'numeric' };
    return { expr: sql`coalesce(custom->>${key}, '')`, desc, cast: 'text' };
  }
  const c = Object.hasOwn(def.columns, field) ? def.columns[field] : undefined;
  if (!c?.sort) throw filterError(field, 'cannot sort by this field', 'query.sort');
  const indexed = c.indexedSort === true;
  if (c.type === 'timestamp') return { expr: sql.raw(c.column), desc, cast: 'timestamptz', indexed };
  if (c.notNull && c.type === 'text') return { expr: sql.raw(c.column), desc, cast: 'text', indexed };
  if (c.type === 'number') return { expr: sql.raw(`coalesce(${c.column}, 0)`), desc, cast: 'numeric' };
  if (c.type === 'date') return { expr: sql.raw(`coalesce(${c.column}, '-infinity')`), desc, cast: 'date' };
  return { expr: sql.raw(`coalesce(${c.column}::text, '')`), desc, cast: 'text' };
}

export function encodeCursor(key: unknown, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString('base64url');
}

function decodeCursor(raw: string): [string | number, string] {
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[1] === 'string' && /^[0-9a-f-]{36}$/i.test(v[1]))
      return [v[0] as string | number, v[1]];
  } catch {}
  throw filterError('', 'is not a cursor from this list', 'query.cursor');
}

/** The WHERE clause of a list (filter and search), for lists, exports and bulk actions. */
export function whereOf(def: EntityTable, custom: CustomTypes, q: Pick<ListQuery, 'q' | 'filter'>): SQL {
  const parts = [buildFilter(def, custom, q.filter)];
  const ts = toTsQuery(q.q);
  if (ts && def.searchColumn) parts.push(sql`${sql.raw(def.searchColumn)} @@ ${ts}::tsquery`);
  return sql.join(parts, sql` and `);
}

/**
 * Rows of the sort index a filtered page first looks at (per row of the page). Filters and search
 * are often far more common than PostgreSQL estimates (independent conditions, a prefix tsquery,
 * `custom->>key` without statistics), so the planner expects a handful of matches, reads every
 * row of the tenant and sorts them: 88 ms for a tenant of 100,000 contacts. Walking the sort index
 * and filtering as it goes finds a page of common matches in a few hundred rows; when the window
 * does not fill the page, the ordinary query (the planner's choice, e.g. the search index for a
 * rare term) runs instead. See docs/decisions/0010-crm-list-query-plan.md.
 */
const WINDOW_PER_ROW = 25;
const WINDOW_MAX = 5_000;

/**
 * One page of a list: filter, search, sort, keyset pagination on (sort key, id). Returns the
 * rows (API field names) and an opaque cursor for the next page (null on the last one).
 */
export async function runList<T>(
  ctx: TenantCtx,
  def: EntityTable,
  custom: CustomTypes,
  q: ListQuery,
  extraWhere?: SQL,
): Promise<{ items: T[]; nextCursor: string | null }> {
  const limit = q.limit ?? 50;
  const sort = resolveSort(def, custom, q.sort);
  const conds = [whereOf(def, custom, q)];
  if (extraWhere) conds.push(extraWhere);
  const cursor: SQL[] = [];
  if (q.cursor) {
    const [key, id] = decodeCursor(q.cursor);
    const cmp = sort.desc ? sql`<` : sql`>`;
    cursor.push(sql`(${sort.expr}, id) ${cmp} (${key}::${sql.raw(sort.cast)}, ${id}::uuid)`);
  }
  const dir = sql.raw(sort.desc ? 'desc' : 'asc');
  const filtered = Boolean(toTsQuery(q.q)) || Object.keys(q.filter ?? {}).length > 0;
  let rows: Record<string, unknown>[] | undefined;
  if (filtered && sort.indexed) {
    const window = Math.min(WINDOW_MAX, (limit + 1) * WINDOW_PER_ROW);
    const inner = cursor.length ? sql`where ${cursor[0]}` : sql``;
    ({ rows } = await exec<Record<string, unknown>>(
      ctx.tx,
      sql`select ${sql.raw(selectList(def))}, "__key" from (
          select *, ${sort.expr} as "__key" from ${sql.raw(def.table)} ${inner}
          order by ${sort.expr} ${dir}, id ${dir} limit ${window}) w
        where ${sql.join(conds, sql` and `)} order by "__key" ${dir}, id ${dir} limit ${limit + 1}`,
    ));
    if (rows.length <= limit) rows = undefined; // the window did not fill the page
  }
  if (!rows) {
    ({ rows } = await exec<Record<string, unknown>>(
      ctx.tx,
      sql`select ${sql.raw(selectList(def))}, ${sort.expr} as "__key" from ${sql.raw(def.table)}
        where ${sql.join([...conds, ...cursor], sql` and `)} order by ${sort.expr} ${dir}, id ${dir} limit ${limit + 1}`,
    ));
  }
  const more = rows.length > limit;
  const page = more ? rows.slice(0, limit) : rows;
  const last = page.at(-1);
  const items = page.map(({ __key: _k, ...r }) => r as T);
  return { items, nextCursor: more && last ? encodeCursor(last.__key, String(last.id)) : null };
}
