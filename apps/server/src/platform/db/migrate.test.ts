import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../../../test/helpers.js';
import { migrate, readMigrations } from './migrate.js';

const created: string[] = [];
const urlOf = (name: string) => {
  const u = new URL(databaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
};
async function onServer<T>(fn: (c: pg.Client) => Promise<T>) {
  const c = new pg.Client({ connectionString: urlOf('postgres') });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

afterAll(async () => {
  await onServer(async (c) => {
    for (const n of created) await c.query(`drop database if exists ${n} with (force)`);
  });
});

describe('migrations', () => {
  it('run at once on several databases of one server (the app role is cluster-wide)', async () => {
    const names = Array.from(
      { length: 4 },
      (_, i) => `bizosaas_mig_${process.pid}_${Date.now().toString(36)}_${i}`,
    );
    await onServer(async (c) => {
      for (const n of names) {
        await c.query(`create database ${n}`);
        created.push(n);
      }
    });
    const applied = await Promise.all(names.map((n) => migrate(urlOf(n))));
    const all = readMigrations().map((m) => m.id);
    for (const a of applied) expect(a).toEqual(all);
    // A second run applies nothing, and two hubs starting on one database migrate it once.
    const again = await Promise.all([migrate(urlOf(names[0]!)), migrate(urlOf(names[0]!))]);
    expect(again).toEqual([[], []]);
  }, 60_000);
});
