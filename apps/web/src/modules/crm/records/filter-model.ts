/**
 * The table's filter rows and the list engine's filter language (crm/lists/filter.ts):
 * `{ "<field>": value | { "<op>": value } }`, every condition AND-ed.
 */

export type FieldType =
  | 'text'
  | 'number'
  | 'date'
  | 'timestamp'
  | 'list'
  | 'select'
  | 'multiselect'
  | 'user'
  | 'uuid';

export interface FieldDef {
  /** API field name, or `custom.<key>`. */
  key: string;
  label: string;
  type: FieldType;
  options?: string[];
  sortable?: boolean;
  /** Shown as a table column unless the user hides it. */
  column?: boolean;
}

export interface Condition {
  field: string;
  op: string;
  value: string;
}

export type Filter = Record<string, unknown>;

export const OP_LABELS: Record<string, string> = {
  contains: 'contains',
  eq: 'is',
  ne: 'is not',
  gt: 'greater than',
  gte: 'at least',
  lt: 'less than',
  lte: 'at most',
  has: 'includes',
  exists: 'is set',
  before: 'on or before',
  after: 'on or after',
};

/** The operators a field offers, first one the default. */
export function opsFor(type: FieldType): string[] {
  switch (type) {
    case 'text':
      return ['contains', 'eq', 'ne', 'exists'];
    case 'number':
      return ['gte', 'lte', 'eq', 'gt', 'lt', 'exists'];
    case 'date':
    case 'timestamp':
      return ['after', 'before', 'exists'];
    case 'list':
    case 'multiselect':
      return ['has', 'ne', 'exists'];
    default:
      return ['eq', 'ne', 'exists'];
  }
}

function apiValue(def: FieldDef | undefined, op: string, value: string): unknown {
  if (op === 'exists') return value !== 'false';
  if (def?.type === 'number') return Number(value);
  if (def?.type === 'timestamp' && op === 'before' && /^\d{4}-\d{2}-\d{2}$/.test(value))
    return `${value}T23:59:59.999Z`;
  return value;
}

const apiOp = (op: string) => (op === 'after' ? 'gte' : op === 'before' ? 'lte' : op);

/** Filter rows → the API's filter object (undefined when empty). */
export function toFilter(conds: Condition[], fields: FieldDef[]): Filter | undefined {
  const out: Record<string, Record<string, unknown>> = {};
  for (const c of conds) {
    if (c.op !== 'exists' && c.value.trim() === '') continue;
    const def = fields.find((f) => f.key === c.field);
    out[c.field] = { ...out[c.field], [apiOp(c.op)]: apiValue(def, c.op, c.value.trim()) };
  }
  return Object.keys(out).length ? out : undefined;
}

/** A saved view's filter object → filter rows (what the table can show; the rest is kept as is). */
export function fromFilter(filter: Filter | undefined, fields: FieldDef[]): Condition[] {
  const conds: Condition[] = [];
  for (const [field, spec] of Object.entries(filter ?? {})) {
    const def = fields.find((f) => f.key === field);
    const dated = def?.type === 'date' || def?.type === 'timestamp';
    const uiOp = (op: string) => (dated && op === 'gte' ? 'after' : dated && op === 'lte' ? 'before' : op);
    const str = (v: unknown) => (typeof v === 'string' && dated ? v.slice(0, 10) : String(v));
    if (spec !== null && typeof spec === 'object' && !Array.isArray(spec)) {
      for (const [op, v] of Object.entries(spec)) conds.push({ field, op: uiOp(op), value: str(v) });
    } else {
      const array = def?.type === 'list' || def?.type === 'multiselect';
      conds.push({ field, op: array ? 'has' : 'eq', value: str(spec) });
    }
  }
  return conds;
}

/** "Tags includes vip" for a filter chip. */
export function describeCondition(c: Condition, fields: FieldDef[], valueLabel?: string): string {
  const def = fields.find((f) => f.key === c.field);
  const label = def?.label ?? c.field;
  if (c.op === 'exists') return `${label} ${c.value === 'false' ? 'is empty' : 'is set'}`;
  return `${label} ${OP_LABELS[c.op] ?? c.op} ${valueLabel ?? c.value}`;
}
