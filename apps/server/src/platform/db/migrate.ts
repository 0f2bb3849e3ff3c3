import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMigrations as runWorkerMigrations } from 'graphile-worker';
import pg from 'pg';
import { APP_ROLE, deriveAppUrl } from './pools.js';

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../migrations',
);

export interface MigrationFile {
  id: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): MigrationFile[] {
  return fs
    .readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((f) => {
      const sql = fs.readFileSync(path.join(dir, f), 'utf8');
      return { id: f.replace(/\.sql$/, ''), sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies graphile-worker's schema, then our ordered SQL history, each file in its own
 * transaction, under an advisory lock so that several hubs starting at once migrate once.
 * Returns the ids applied by this call.
 */
export async function migrate(
  ownerUrl: string,
  opts: { appUrl?: string; onProgress?: (done: number, total: number, id: string) => void } = {},
): Promise<string[]> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'bizosaas-migrate' });
  await client.connect();
  try {
    await client.query(`select pg_advisory_lock(hashtext('bizosaas.migrate'))`);
    await ensureAppRole(client, opts.appUrl ? undefined : deriveAppUrl(ownerUrl).password);
    await runWorkerMigrations({ connectionString: ownerUrl, logger: silentLogger });
    await client.query(`create table if not exists public.bizosaas_migrations (
      id text primary key, checksum text not null, applied_at timestamptz not null default now())`);
    const { rows } = await client.query<{ id: string; checksum: string }>(
      'select id, checksum from public.bizosaas_migrations',
    );
    const applied = new Map(rows.map((r) => [r.id, r.checksum]));
    const files = readMigrations();
    const done: string[] = [];
    for (const [i, file] of files.entries()) {
      const prior = applied.get(file.id);
      if (prior) {
        if (prior !== file.checksum) {
          throw new Error(
            `migration ${file.id} was changed after it was applied; add a new migration instead`,
          );
        }
        continue;
      }
      await client.query('begin');
      try {
        await client.query(file.sql);
        await client.query('insert into public.bizosaas_migrations (id, checksum) values ($1, $2)', [
          file.id,
          file.checksum,
        ]);
        await client.query('commit');
      } catch (err) {
        await client.query('rollback');
        throw new Error(`migration ${file.id} failed: ${(err as Error).message}`);
      }
      done.push(file.id);
      opts.onProgress?.(i + 1, files.length, file.id);
    }
    return done;
  } finally {
    await client.query(`select pg_advisory_unlock(hashtext('bizosaas.migrate'))`).catch(() => {});
    await client.end();
  }
}

async function ensureAppRole(client: pg.Client, password: string | undefined) {
  // Roles are cluster-wide: several databases (tests, tenants of a shared server) share this one,
  // and the advisory lock above is per database. Two hubs migrating different databases can touch
  // the role at once ("tuple concurrently updated"); the password is derived the same way by
  // both, so retrying is enough.
  const pw = password ? ` password ${client.escapeLiteral(password)}` : '';
  for (let attempt = 0; ; attempt++) {
    try {
      await client.query(`do $$ begin
          create role ${APP_ROLE} login nosuperuser nocreatedb nocreaterole nobypassrls${pw};
        exception when duplicate_object or unique_violation then null;
        end $$`);
      if (password)
        await client.query(`alter role ${APP_ROLE} with login password ${client.escapeLiteral(password)}`);
      return;
    } catch (err) {
      if (attempt >= 10 || !/concurrently updated|concurrently deleted/.test((err as Error).message))
        throw err;
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80));
    }
  }
}

const noop = () => {};
const silentLogger = {
  scope: () => silentLogger,
  debug: noop,
  info: noop,
  warn: noop,
  error: noop,
} as unknown as NonNullable<Parameters<typeof runWorkerMigrations>[0]['logger']>;
