import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { Database } from '../platform/db/pools.js';
import type { Hub } from '../platform/hub.js';

// Platform code is imported when a command runs, so `--help` and usage errors answer at once.

/** What every command gets: the parsed config, a logger on stderr and the two output streams. */
export interface CliContext {
  config: Config;
  log: Logger;
  /** Results, on stdout. */
  out(line: string): void;
  /** Notes and progress, on stderr. */
  note(line: string): void;
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The embedded PostgreSQL of DATA_DIR when a hub (`npm start`) already runs it. Starting a second
 * one on the same data would stop the hub's server (a left-behind server is stopped on start), so
 * the CLI connects to the running one instead, as its superuser, from postmaster.pid's port.
 */
export function runningEmbedded(
  config: Pick<Config, 'DATA_DIR'>,
): { url: string; pid: number; port: number } | undefined {
  const base = path.join(config.DATA_DIR, 'postgres');
  let lines: string[];
  let password: string;
  try {
    lines = fs.readFileSync(path.join(base, 'pgdata', 'postmaster.pid'), 'utf8').split('\n');
    password = fs.readFileSync(path.join(base, 'superuser-password'), 'utf8').trim();
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!pid || !port || !alive(pid)) return undefined;
  return { url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/bizosaas`, pid, port };
}

/** The config commands open the database with: DATABASE_URL, the running embedded server, or a new one. */
export function databaseConfig(ctx: CliContext): Config {
  const { config } = ctx;
  if (config.DATABASE_URL) return config;
  const running = runningEmbedded(config);
  if (running) {
    ctx.note(
      `note: using the embedded PostgreSQL already running for ${config.DATA_DIR} (pid ${running.pid}, port ${running.port})`,
    );
    return Object.freeze({ ...config, DATABASE_URL: running.url });
  }
  ctx.note(`starting the embedded PostgreSQL in ${path.join(config.DATA_DIR, 'postgres')} …`);
  return config;
}

/** Opens the database (migrating it unless told not to), runs fn, then closes everything it started. */
export async function withDatabase<T>(
  ctx: CliContext,
  fn: (db: Database, config: Config) => Promise<T>,
  opts: { migrate?: boolean } = {},
): Promise<T> {
  const config = databaseConfig(ctx);
  const { openDatabase } = await import('../platform/hub.js');
  const { db, embedded } = await openDatabase(config, ctx.log, opts);
  try {
    return await fn(db, config);
  } finally {
    await db.close().catch(() => {});
    await embedded?.stop();
  }
}

/** The full set of platform services (cache, tasks, workflows), for commands that run module code. */
export async function withHub<T>(
  ctx: CliContext,
  fn: (hub: Hub & { startWorker(): Promise<void> }) => Promise<T>,
): Promise<T> {
  const { createHub } = await import('../platform/hub.js');
  const hub = await createHub(databaseConfig(ctx), ctx.log, { runWorker: false });
  try {
    return await fn(hub);
  } finally {
    await hub.close().catch(() => {});
  }
}

/** A plain text table for terminals and scripts alike (tab-free, padded columns). */
export function formatTable(header: string[], rows: (string | number | null | undefined)[][]): string[] {
  const cells = [header, ...rows.map((r) => r.map((c) => (c === null || c === undefined ? '-' : String(c))))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => r[i]!.length)));
  return cells.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '));
}
