/**
 * Describes a CRM table to the list machinery: which API fields exist, the column behind each,
 * its type (for casts and operators), and whether it may be filtered, sorted and written.
 * Column names are trusted constants; values are always bound parameters.
 */
export type ColumnType =
  | 'text'
  | 'citext'
  | 'number'
  | 'date'
  | 'timestamp'
  | 'uuid'
  | 'text[]'
  | 'citext[]'
  | 'jsonb';

export interface ColumnDef {
  column: string;
  type: ColumnType;
  /** Accepted in `filter` (default true, except jsonb). */
  filter?: boolean;
  /** Accepted in `sort`. */
  sort?: boolean;
  /** Accepted in create/update bodies and import mappings. */
  write?: boolean;
  /** NOT NULL in the table: sorts use the bare column (so an index on it serves the sort). */
  notNull?: boolean;
  /** A `(tenant_id, column, id)` btree exists: filtered lists sorted by it walk that index first. */
  indexedSort?: boolean;
}

export type CrmEntity = 'contact' | 'company' | 'lead' | 'deal';

export interface EntityTable {
  entity: CrmEntity;
  /** Schema-qualified table, e.g. `crm.contacts`. */
  table: string;
  columns: Record<string, ColumnDef>;
  /** The generated tsvector column used by `q`. */
  searchColumn?: string;
  /** Sort used when none is given, e.g. `-createdAt`. */
  defaultSort: string;
}

export type CustomFieldType = 'text' | 'number' | 'date' | 'select' | 'multiselect';
/** Custom fields of the entity, key → type (filters on `custom.<key>` use the type). */
export type CustomTypes = ReadonlyMap<string, CustomFieldType>;

/** Whatever the select returns for an array of citext: read back as text[]. */
export function selectExpr(c: ColumnDef): string {
  if (c.type === 'citext[]') return `${c.column}::text[]`;
  if (c.type === 'citext') return `${c.column}::text`;
  if (c.type === 'number') return `${c.column}::float8`;
  if (c.type === 'date') return `${c.column}::text`;
  return c.column;
}

/** `first_name as "firstName", …` for every column of the table. */
export function selectList(def: EntityTable): string {
  return Object.entries(def.columns)
    .map(([name, c]) => `${selectExpr(c)} as "${name}"`)
    .join(', ');
}

const registry = new Map<CrmEntity, EntityTable>();
/** Makes an entity's table known to saved views (their queries are checked against it). */
export function registerEntityTable(def: EntityTable): EntityTable {
  registry.set(def.entity, def);
  return def;
}
export const entityTableOf = (entity: CrmEntity) => registry.get(entity);
