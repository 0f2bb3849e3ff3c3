import type pg from 'pg';

/**
 * The BizOSaaS backup format (version 1): one gzip stream of lines.
 *
 *   {"format":"bizosaas-backup","version":1,...header}          one JSON line, see BackupHeader
 *   {"table":"identity.tenants","rows":3}                        one JSON line per table section
 *   <rows in PostgreSQL COPY text format, one per line>
 *   \.                                                           end of the section's data
 *   ... more sections, in foreign-key dependency order ...
 *   {"end":true,"tables":4,"rows":1234}                          trailer: a cut-off file is detected
 *
 * COPY text escapes newlines and backslashes inside values, so `\.` alone on a line can only be the
 * end marker. It needs no pg_dump and restores into the embedded or any external server (15+).
 */
export const BACKUP_FORMAT = 'bizosaas-backup';
export const BACKUP_VERSION = 1;

export interface BackupColumn {
  name: string;
  type: string;
}

export interface BackupTable {
  /** Qualified name, `schema.table`. */
  name: string;
  schema: string;
  table: string;
  columns: BackupColumn[];
  rows: number;
}

export interface BackupSequence {
  name: string;
  schema: string;
  sequence: string;
  lastValue: string;
  isCalled: boolean;
}

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  version: number;
  createdAt: string;
  postgres: string;
  database: string;
  /** Ids from public.bizosaas_migrations: the schema the data belongs to. */
  migrations: string[];
  /** In load order (foreign-key dependencies first). */
  tables: BackupTable[];
  sequences: BackupSequence[];
}

export interface BackupProgress {
  table: string;
  tablesDone: number;
  tablesTotal: number;
  rowsDone: number;
  rowsTotal: number;
  /** True once `table` is complete. */
  tableDone: boolean;
}

export type BackupErrorCode =
  | 'NOT_FOUND'
  | 'NOT_A_BACKUP'
  | 'NEWER_FORMAT'
  | 'CORRUPT'
  | 'INCOMPATIBLE'
  | 'NOT_EMPTY'
  | 'PERMISSION';

export class BackupError extends Error {
  constructor(
    readonly code: BackupErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface DataTable {
  oid: string;
  schema: string;
  table: string;
  name: string;
  rls: boolean;
  columns: BackupColumn[];
}

/** Schemas that are not ours: the catalog, graphile-worker's queue (jobs are not data). */
const FOREIGN_SCHEMAS = `n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker') and n.nspname !~ '^pg_'`;
const NOT_EXTENSION = (alias: string) =>
  `not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = ${alias}.oid and d.deptype = 'e')`;

/** Same text rendering on both sides, whatever the server's or role's defaults. */
export const SESSION_SETTINGS = [
  `set local datestyle = 'ISO, YMD'`,
  `set local intervalstyle = 'postgres'`,
  'set local extra_float_digits = 3',
  `set local timezone = 'UTC'`,
  `set local bytea_output = 'hex'`,
].join('; ');

export function quoteName(client: pg.ClientBase, schema: string, name: string) {
  return `${client.escapeIdentifier(schema)}.${client.escapeIdentifier(name)}`;
}

/**
 * Every table of our schemas (discovered in pg_catalog, so new modules are covered without a list),
 * in foreign-key dependency order. Generated columns are left out: they are recomputed on load.
 */
export async function discoverTables(client: pg.ClientBase): Promise<DataTable[]> {
  const { rows: tables } = await client.query<{ oid: string; schema: string; table: string; rls: boolean }>(`
    select c.oid::text as oid, n.nspname as schema, c.relname as table, c.relrowsecurity as rls
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'r' and c.relpersistence in ('p', 'u') and ${FOREIGN_SCHEMAS}
      and not (n.nspname = 'public' and c.relname = 'bizosaas_migrations') and ${NOT_EXTENSION('c')}
    order by n.nspname, c.relname`);
  const oids = tables.map((t) => t.oid);
  const { rows: cols } = await client.query<{ oid: string; name: string; type: string }>(
    `select a.attrelid::text as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type
     from pg_attribute a where a.attrelid = any($1::oid[]) and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by a.attrelid, a.attnum`,
    [oids],
  );
  const { rows: fks } = await client.query<{ child: string; parent: string }>(
    `select conrelid::text as child, confrelid::text as parent from pg_constraint
     where contype = 'f' and conrelid = any($1::oid[]) and confrelid = any($1::oid[]) and conrelid <> confrelid`,
    [oids],
  );
  const byOid = new Map<string, DataTable>(
    tables.map((t) => [t.oid, { ...t, name: `${t.schema}.${t.table}`, columns: [] as BackupColumn[] }]),
  );
  for (const c of cols) byOid.get(c.oid)?.columns.push({ name: c.name, type: c.type });
  return dependencyOrder([...byOid.values()], fks);
}

/** Kahn's algorithm, stable by name; tables in a reference cycle come last, by name. */
export function dependencyOrder(tables: DataTable[], fks: { child: string; parent: string }[]): DataTable[] {
  const parents = new Map(tables.map((t) => [t.oid, new Set<string>()]));
  for (const fk of fks) parents.get(fk.child)?.add(fk.parent);
  const ordered: DataTable[] = [];
  const placed = new Set<string>();
  let remaining = tables;
  while (remaining.length) {
    const ready = remaining.filter((t) => [...parents.get(t.oid)!].every((p) => placed.has(p)));
    const next = ready.length ? ready : remaining; // a cycle: load as is (deferred/replica mode)
    for (const t of next) {
      ordered.push(t);
      placed.add(t.oid);
    }
    remaining = remaining.filter((t) => !placed.has(t.oid));
  }
  return ordered;
}

export async function discoverSequences(
  client: pg.ClientBase,
): Promise<{ schema: string; sequence: string }[]> {
  const { rows } = await client.query<{ schema: string; sequence: string }>(`
    select n.nspname as schema, c.relname as sequence from pg_class c join pg_namespace n on n.oid = c.relnamespace
    where c.relkind = 'S' and ${FOREIGN_SCHEMAS} and ${NOT_EXTENSION('c')} order by 1, 2`);
  return rows;
}

/** Forced row-level security hides tenant rows from a plain owner: only these roles see them all. */
export async function roleCanBypassRls(
  client: pg.ClientBase,
): Promise<{ user: string; superuser: boolean; bypass: boolean }> {
  const { rows } = await client.query<{ user: string; superuser: boolean; bypass: boolean }>(
    'select current_user as user, rolsuper as superuser, rolbypassrls as bypass from pg_roles where rolname = current_user',
  );
  return rows[0]!;
}

export async function appliedMigrations(client: pg.ClientBase): Promise<string[]> {
  const { rows: exists } = await client.query(
    `select to_regclass('public.bizosaas_migrations') is not null as ok`,
  );
  if (!exists[0]?.ok) return [];
  const { rows } = await client.query<{ id: string }>(
    'select id from public.bizosaas_migrations order by id',
  );
  return rows.map((r) => r.id);
}
