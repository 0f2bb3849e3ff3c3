import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import {
  appliedMigrations,
  BACKUP_FORMAT,
  BACKUP_VERSION,
  BackupError,
  type BackupHeader,
  type BackupProgress,
  type BackupSequence,
  discoverSequences,
  discoverTables,
  quoteName,
  roleCanBypassRls,
  SESSION_SETTINGS,
} from './backup-format.js';

export interface BackupSummary {
  header: BackupHeader;
  rows: number;
}

/**
 * Writes a backup of every table of our schemas to `out` (see backup-format.ts), from one
 * REPEATABLE READ READ ONLY transaction: a consistent snapshot while the hub keeps serving.
 * Connect as the owner URL with a superuser or BYPASSRLS role (forced RLS hides rows otherwise).
 */
export async function createBackup(
  ownerUrl: string,
  out: Writable,
  opts: { onProgress?: (p: BackupProgress) => void } = {},
): Promise<BackupSummary> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'bizosaas-backup' });
  await client.connect();
  client.on('error', () => {}); // surfaced by the query in flight
  try {
    await client.query('begin isolation level repeatable read read only');
    await client.query(SESSION_SETTINGS);
    const tables = await discoverTables(client);
    const role = await roleCanBypassRls(client);
    if (!role.superuser && !role.bypass && tables.some((t) => t.rls)) {
      throw new BackupError(
        'PERMISSION',
        `role "${role.user}" is neither superuser nor BYPASSRLS: row-level security would hide tenant rows from the backup; use an owner URL with one of them`,
      );
    }
    if (tables.length) {
      await client.query(
        `lock table ${tables.map((t) => quoteName(client, t.schema, t.table)).join(', ')} in access share mode`,
      );
    }
    const counted: BackupHeader['tables'] = [];
    for (const t of tables) {
      const { rows } = await client.query<{ n: string }>(
        `select count(*)::text as n from ${quoteName(client, t.schema, t.table)}`,
      );
      counted.push({
        name: t.name,
        schema: t.schema,
        table: t.table,
        columns: t.columns,
        rows: Number(rows[0]!.n),
      });
    }
    const sequences: BackupSequence[] = [];
    for (const s of await discoverSequences(client)) {
      const { rows } = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${quoteName(client, s.schema, s.sequence)}`,
      );
      sequences.push({
        ...s,
        name: `${s.schema}.${s.sequence}`,
        lastValue: rows[0]!.last_value,
        isCalled: rows[0]!.is_called,
      });
    }
    const { rows: info } = await client.query<{ version: string; db: string }>(
      `select current_setting('server_version') as version, current_database() as db`,
    );
    const header: BackupHeader = {
      format: BACKUP_FORMAT,
      version: BACKUP_VERSION,
      createdAt: new Date().toISOString(),
      postgres: info[0]!.version,
      database: info[0]!.db,
      migrations: await appliedMigrations(client),
      tables: counted,
      sequences,
    };
    const rowsTotal = counted.reduce((n, t) => n + t.rows, 0);
    let rowsDone = 0;

    async function* lines() {
      yield Buffer.from(`${JSON.stringify(header)}\n`);
      for (const [i, t] of counted.entries()) {
        yield Buffer.from(`${JSON.stringify({ table: t.name, rows: t.rows })}\n`);
        const cols = t.columns.map((c) => client.escapeIdentifier(c.name)).join(', ');
        const stream = client.query(
          copyTo(`copy ${quoteName(client, t.schema, t.table)} (${cols}) to stdout`),
        );
        let rows = 0;
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          let n = 0;
          for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) n++;
          rows += n;
          rowsDone += n;
          yield chunk;
          opts.onProgress?.({
            table: t.name,
            tablesDone: i,
            tablesTotal: counted.length,
            rowsDone,
            rowsTotal,
            tableDone: false,
          });
        }
        if (rows !== t.rows) throw new Error(`backup of ${t.name} wrote ${rows} rows, expected ${t.rows}`);
        yield Buffer.from('\\.\n');
        opts.onProgress?.({
          table: t.name,
          tablesDone: i + 1,
          tablesTotal: counted.length,
          rowsDone,
          rowsTotal,
          tableDone: true,
        });
      }
      yield Buffer.from(`${JSON.stringify({ end: true, tables: counted.length, rows: rowsDone })}\n`);
    }

    await pipeline(lines, zlib.createGzip({ level: 6 }), out);
    await client.query('commit');
    return { header, rows: rowsDone };
  } finally {
    await client.end().catch(() => {});
  }
}
