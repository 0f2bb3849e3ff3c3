import { type SQL, sql } from 'drizzle-orm';
import { AppError } from '../../../platform/errors.js';
import type { ColumnDef, CustomFieldType, CustomTypes, EntityTable } from './entity-table.js';

/**
 * The list filter language shared by every CRM list (contacts, companies, leads, deals):
 *
 *   filter = { "<field>": <value> | { "<op>": <value>, … }, … }   (all conditions AND-ed)
 *
 * `<field>` is an API field name (`tags`, `createdAt`, `ownerId`) or `custom.<key>`. A bare
 * value means `eq` (for array fields: the array contains it). Operators: eq, ne, in (array),
 * nin, gt, gte, lt, lte, contains (case-insensitive substring), exists (true/false);
 * for array fields: has (contains value), any (overlaps array), all (contains every).
 */
export const FILTER_DOC =
  'JSON object: {"<field>": value | {"<op>": value}}. Fields: any listed field or custom.<key>. ' +
  'Ops: eq, ne, in, nin, gt, gte, lt, lte, contains, exists; arrays: has, any, all. ' +
  'Example: {"tags":"vip","custom.tier":"gold","createdAt":{"gte":"2026-01-01T00:00:00Z"}}';

export type FilterValue = string | number | boolean | null | (string | number)[];
export type Filter = Record<string, FilterValue | Record<string, FilterValue>>;

const OPS = ['eq', 'ne', 'in', 'nin', 'gt', 'gte', 'lt', 'lte', 'contains', 'exists', 'has', 'any', 'all'];

export function filterError(field: string, message: string, where = 'query.filter'): AppError {
  const f = field ? `${where}.${field}` : where;
  return new AppError('CRM.INVALID_FILTER', 400, `${f}: ${message}`, { errors: [{ field: f, message }] });
}

type Kind = 'text' | 'number' | 'date' | 'timestamp' | 'uuid' | 'array' | 'jsonArray';

interface Target {
  expr: SQL;
  kind: Kind;
  /** Cast applied to bound scalar values. */
  cast: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function columnTarget(c: ColumnDef): Target {
  const col = sql.raw(c.column);
  switch (c.type) {
    case 'text[]':
    case 'citext[]':
      return { expr: col, kind: 'array', cast: c.type };
    case 'number':
      return { expr: col, kind: 'number', cast: 'numeric' };
    case 'date':
      return { expr: col, kind: 'date', cast: 'date' };
    case 'timestamp':
      return { expr: col, kind: 'timestamp', cast: 'timestamptz' };
    case 'uuid':
      return { expr: col, kind: 'uuid', cast: 'uuid' };
    case 'citext':
      return { expr: col, kind: 'text', cast: 'citext' };
    default:
      return { expr: col, kind: 'text', cast: 'text' };
  }
}

function customTarget(key: string, type: CustomFieldType): Target {
  switch (type) {
    case 'number':
      return { expr: sql`(custom->>${key})::numeric`, kind: 'number', cast: 'numeric' };
    case 'date':
      return { expr: sql`(custom->>${key})::date`, kind: 'date', cast: 'date' };
    case 'multiselect':
      return { expr: sql`(custom->${key})`, kind: 'jsonArray', cast: 'text' };
    default:
      return { expr: sql`(custom->>${key})`, kind: 'text', cast: 'text' };
  }
}

/** Resolves an API field (or `custom.<key>`) to its SQL expression; unknown → 400 naming it. */
export function resolveField(
  def: EntityTable,
  custom: CustomTypes,
  field: string,
  where = 'query.filter',
): Target {
  if (field.startsWith('custom.')) {
    const key = field.slice(7);
    const type = custom.get(key);
    if (!type) throw filterError(field, 'unknown custom field', where);
    return customTarget(key, type);
  }
  const c = Object.hasOwn(def.columns, field) ? def.columns[field] : undefined;
  if (!c || c.filter === false || c.type === 'jsonb') throw filterError(field, 'unknown field', where);
  return columnTarget(c);
}

function scalar(field: string, t: Target, v: FilterValue): SQL {
  if (v === null || typeof v === 'object') throw filterError(field, 'must be a single value');
  const s = String(v);
  if (t.kind === 'number' && !Number.isFinite(Number(s))) throw filterError(field, 'must be a number');
  if ((t.kind === 'date' || t.kind === 'timestamp') && Number.isNaN(Date.parse(s)))
    throw filterError(field, 'must be a date');
  if (t.kind === 'uuid' && !UUID.test(s)) throw filterError(field, 'must be a UUID');
  return sql`${s}::${sql.raw(t.cast)}`;
}

function list(field: string, t: Target, v: FilterValue): SQL {
  const arr = Array.isArray(v) ? v : [v];
  if (arr.length === 0 || arr.length > 500) throw filterError(field, 'must be a list of 1 to 500 values');
  const cast = t.kind === 'array' ? t.cast : `${t.cast}[]`;
  for (const x of arr) scalar(field, t.kind === 'array' ? { ...t, kind: 'text' } : t, x);
  return sql`${sql.param(arr.map(String))}::${sql.raw(cast)}`;
}

function condition(field: string, t: Target, op: string, v: FilterValue): SQL {
  const e = t.expr;
  if (op === 'exists') {
    if (typeof v !== 'boolean') throw filterError(field, 'exists takes true or false');
    const present =
      t.kind === 'array'
        ? sql`cardinality(${e}) > 0`
        : t.kind === 'jsonArray'
          ? sql`jsonb_array_length(coalesce(${e}, '[]')) > 0`
          : sql`${e} is not null`;
    return v ? present : sql`not (${present})`;
  }
  if (t.kind === 'array' || t.kind === 'jsonArray') {
    const arr = (x: FilterValue) =>
      t.kind === 'array'
        ? list(field, t, x)
        : sql`${JSON.stringify(Array.isArray(x) ? x.map(String) : [String(x)])}::jsonb`;
    if (op === 'eq' || op === 'has' || op === 'all') return sql`${e} @> ${arr(v)}`;
    if (op === 'any' || op === 'in') {
      if (t.kind === 'array') return sql`${e} && ${arr(v)}`;
      return sql`${e} ?| ${list(field, { ...t, kind: 'text' }, v)}`;
    }
    if (op === 'ne' || op === 'nin') return sql`not (coalesce(${e} @> ${arr(v)}, false))`;
    throw filterError(field, `operator ${op} does not apply to a list field`);
  }
  switch (op) {
    case 'eq':
      return v === null ? sql`${e} is null` : sql`${e} = ${scalar(field, t, v)}`;
    case 'ne':
      return v === null ? sql`${e} is not null` : sql`${e} is distinct from ${scalar(field, t, v)}`;
    case 'in':
      return sql`${e} = any(${list(field, t, v)})`;
    case 'nin':
      return sql`not (${e} = any(${list(field, t, v)}))`;
    case 'gt':
      return sql`${e} > ${scalar(field, t, v)}`;
    case 'gte':
      return sql`${e} >= ${scalar(field, t, v)}`;
    case 'lt':
      return sql`${e} < ${scalar(field, t, v)}`;
    case 'lte':
      return sql`${e} <= ${scalar(field, t, v)}`;
    case 'contains': {
      if (t.kind !== 'text' || typeof v !== 'string')
        throw filterError(field, 'contains needs a text field and value');
      const pattern = `%${v.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
      return sql`${e}::text ilike ${pattern}`;
    }
    default:
      throw filterError(field, `unknown operator ${op}`);
  }
}

/** Translates a filter into one SQL condition (`true` when empty). */
export function buildFilter(def: EntityTable, custom: CustomTypes, filter: Filter | undefined): SQL {
  const parts: SQL[] = [];
  for (const [field, spec] of Object.entries(filter ?? {})) {
    const t = resolveField(def, custom, field);
    if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
      const ops = Object.entries(spec);
      if (ops.length === 0) throw filterError(field, 'needs at least one operator');
      for (const [op, v] of ops) {
        if (!OPS.includes(op)) throw filterError(field, `unknown operator ${op}`);
        parts.push(condition(field, t, op, v));
      }
    } else parts.push(condition(field, t, Array.isArray(spec) && t.kind !== 'array' ? 'in' : 'eq', spec));
  }
  return parts.length ? sql.join(parts, sql` and `) : sql`true`;
}

/** Parses the `filter` query parameter (a JSON object). */
export function parseFilter(raw: string | undefined): Filter | undefined {
  if (raw === undefined || raw === '') return undefined;
  let v: unknown;
  try {
    v = JSON.parse(raw);
  } catch {
    throw filterError('', 'must be a JSON object');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw filterError('', 'must be a JSON object');
  return v as Filter;
}
