import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrate } from '../src/platform/db/migrate.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A migrated template; each test file gets its own copy (test/per-file-database.ts). */
    templateUrl: string;
    redisUrl: string;
    dbMode: 'embedded' | 'external';
  }
}

/**
 * One migrated template database for the whole run, on a fresh embedded PostgreSQL when
 * DATABASE_URL is unset or on the configured server (dropped afterwards). Every test file works
 * in its own copy of it, so job queues, crons and catalog walks of different files never meet.
 */
export default async function setup(project: TestProject) {
  const external = process.env.DATABASE_URL;
  let stop: () => Promise<void>;
  let url: string;
  if (external) {
    const name = `bizosaas_tpl_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(external);
    u.pathname = `/${name}`;
    url = u.toString();
    stop = async () => {
      const c = new pg.Client({ connectionString: external });
      await c.connect();
      const { rows } = await c.query(
        `select datname from pg_database where datname like $1 or datname = $2`,
        [`${name}_f%`, name],
      );
      for (const r of rows)
        await c.query(`drop database if exists ${c.escapeIdentifier(r.datname)} with (force)`);
      await c.end();
    };
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const pgServer = await startEmbeddedPostgres({ dir, ephemeral: true, database: 'bizosaas_test' });
    url = pgServer.url;
    stop = async () => {
      await pgServer.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    };
  }
  await migrate(url);
  project.provide('templateUrl', url);
  project.provide('redisUrl', process.env.REDIS_URL ?? '');
  project.provide('dbMode', external ? 'external' : 'embedded');
  return stop;
}
