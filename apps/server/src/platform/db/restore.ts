import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import {
  BackupError,
  type BackupProgress,
  type BackupTable,
  type DataTable,
  discoverTables,
  quoteName,
  roleCanBypassRls,
  SESSION_SETTINGS,
} from './backup-format.js';
import type { BackupReader } from './backup-reader.js';
import { migrate, readMigrations } from './migrate.js';

export interface RestoreOptions {
  /** Replace the data of a database that already has rows. */
  force?: boolean;
  appUrl?: string;
  onMigrate?: (done: number, total: number, id: string) => void;
  onProgress?: (p: BackupProgress) => void;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  migrationsApplied: string[];
  replaced: boolean;
}

/** Backup migrations this code does not know mean the backup comes from a newer BizOSaaS. */
export function checkMigrations(backup: BackupReader) {
  const known = new Set(readMigrations().map((m) => m.id));
  const unknown = backup.header.migrations.filter((id) => !known.has(id));
  if (unknown.length) {
    throw new BackupError(
      'INCOMPATIBLE',
      `${backup.label} was made by a newer BizOSaaS (unknown migrations: ${unknown.join(', ')}); upgrade before restoring`,
    );
  }
}

/**
 * Restores a backup: migrates the target to this code's schema, then, in ONE transaction, checks it
 * is empty (or clears it with `force`), loads every section in file order (foreign-key order),
 * resets sequences and verifies every table's row count. Any failure rolls everything back.
 */
export async function restoreBackup(
  ownerUrl: string,
  backup: BackupReader,
  opts: RestoreOptions = {},
): Promise<RestoreSummary> {
  checkMigrations(backup);
  const { header } = backup;
  const migrationsApplied = await migrate(ownerUrl, { appUrl: opts.appUrl, onProgress: opts.onMigrate });
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'bizosaas-restore' });
  await client.connect();
  client.on('error', () => {});
  try {
    await client.query('begin');
    await client.query(SESSION_SETTINGS);
    const role = await roleCanBypassRls(client);
    const targets = await discoverTables(client);
    if (!role.superuser && !role.bypass && targets.some((t) => t.rls)) {
      throw new BackupError(
        'PERMISSION',
        `role "${role.user}" is neither superuser nor BYPASSRLS: row-level security would reject restored rows; use an owner URL with one of them`,
      );
    }
    // A superuser loads like pg_restore --disable-triggers: no FK checks or user triggers on rows
    // that were consistent when copied. Otherwise file order satisfies the foreign keys.
    if (role.superuser) await client.query('set local session_replication_role = replica');
    await client.query('set constraints all deferred');
    const byName = new Map(targets.map((t) => [t.name, t]));
    for (const t of header.tables) checkTable(t, byName.get(t.name), backup.label);

    const nonEmpty = await tablesWithRows(client, targets);
    if (nonEmpty.length && !opts.force) {
      throw new BackupError(
        'NOT_EMPTY',
        `the target database is not empty (rows in ${nonEmpty.slice(0, 3).join(', ')}${nonEmpty.length > 3 ? ', …' : ''}); restore into an empty database or pass --force to replace its data`,
      );
    }
    if (targets.length)
      await client.query(`truncate ${targets.map((t) => quoteName(client, t.schema, t.table)).join(', ')}`);

    const rowsTotal = header.tables.reduce((n, t) => n + t.rows, 0);
    let rowsDone = 0;
    for (const [i, t] of header.tables.entries()) {
      const section = await backup.json<{ table?: string; rows?: number }>(`the section of ${t.name}`);
      if (section.table !== t.name) {
        throw new BackupError(
          'CORRUPT',
          `${backup.label} is corrupt: expected the section of ${t.name}, found ${section.table ?? 'something else'}`,
        );
      }
      const cols = t.columns.map((c) => client.escapeIdentifier(c.name)).join(', ');
      const sink = client.query(
        copyFrom(`copy ${quoteName(client, t.schema, t.table)} (${cols}) from stdin`),
      );
      let copyError: Error | undefined;
      const failed = once(sink, 'error').then(([err]) => {
        copyError = err as Error;
        throw copyError;
      });
      failed.catch(() => {});
      try {
        for await (const { data, rows } of backup.copyData()) {
          if (copyError) throw copyError;
          if (!sink.write(data)) await Promise.race([once(sink, 'drain'), failed]);
          rowsDone += rows;
          opts.onProgress?.({
            table: t.name,
            tablesDone: i,
            tablesTotal: header.tables.length,
            rowsDone,
            rowsTotal,
            tableDone: false,
          });
        }
        sink.end();
        await Promise.race([finished(sink), failed]);
      } catch (err) {
        // A bad file mid-table: abort the COPY (CopyFail) so the connection can roll back.
        if (!copyError) {
          sink.destroy(err as Error);
          await finished(sink).catch(() => {});
        }
        throw err;
      }
      if (sink.rowCount !== t.rows) {
        throw new BackupError(
          'CORRUPT',
          `${backup.label}: ${t.name} has ${sink.rowCount} rows, the header says ${t.rows}`,
        );
      }
      opts.onProgress?.({
        table: t.name,
        tablesDone: i + 1,
        tablesTotal: header.tables.length,
        rowsDone,
        rowsTotal,
        tableDone: true,
      });
    }
    const end = await backup.json<{ end?: boolean; rows?: number }>('the end of the backup');
    if (end.end !== true || end.rows !== rowsTotal)
      throw new BackupError('CORRUPT', `${backup.label} is corrupt (bad trailer)`);

    for (const s of header.sequences) {
      const { rows } = await client.query(`select to_regclass($1) is not null as ok`, [
        quoteName(client, s.schema, s.sequence),
      ]);
      if (!rows[0]?.ok) continue;
      await client.query(`select setval($1::regclass, $2::bigint, $3)`, [
        quoteName(client, s.schema, s.sequence),
        s.lastValue,
        s.isCalled,
      ]);
    }
    for (const t of header.tables) {
      const { rows } = await client.query<{ n: string }>(
        `select count(*)::text as n from ${quoteName(client, t.schema, t.table)}`,
      );
      if (Number(rows[0]!.n) !== t.rows)
        throw new Error(`after restore ${t.name} has ${rows[0]!.n} rows, expected ${t.rows}`);
    }
    await client.query('commit');
    return {
      tables: header.tables.length,
      rows: rowsTotal,
      migrationsApplied,
      replaced: nonEmpty.length > 0,
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end().catch(() => {});
  }
}

function checkTable(t: BackupTable, target: DataTable | undefined, label: string) {
  if (!target)
    throw new BackupError('INCOMPATIBLE', `${label} has table ${t.name}, which this database does not have`);
  const have = new Set(target.columns.map((c) => c.name));
  const missing = t.columns.filter((c) => !have.has(c.name)).map((c) => c.name);
  if (missing.length) {
    throw new BackupError(
      'INCOMPATIBLE',
      `${label}: table ${t.name} has no column ${missing.join(', ')} in this database`,
    );
  }
}

async function tablesWithRows(client: pg.ClientBase, tables: DataTable[]): Promise<string[]> {
  if (!tables.length) return [];
  const probes = tables.map(
    (t, i) => `select ${i} as i where exists (select 1 from ${quoteName(client, t.schema, t.table)})`,
  );
  const { rows } = await client.query<{ i: number }>(probes.join(' union all '));
  return rows.map((r) => tables[r.i]!.name);
}
