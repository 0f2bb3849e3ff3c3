import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, inject } from 'vitest';

/**
 * Runs before every test file (vitest setupFiles): copies the run's migrated template into a
 * database of this file's own, so files running in parallel share no rows, jobs or crons.
 */
const template = new URL(inject('templateUrl'));
const templateName = template.pathname.slice(1);
const name = `${templateName}_f${randomBytes(4).toString('hex')}`;
const server = new URL(template);
server.pathname = '/postgres';

async function onServer<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: server.toString() });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

for (let attempt = 0; ; attempt++) {
  try {
    // Copying needs the template to have no sessions; parallel files copying at once may collide.
    await onServer((c) =>
      c.query(`create database ${c.escapeIdentifier(name)} template ${c.escapeIdentifier(templateName)}`),
    );
    break;
  } catch (err) {
    if (attempt >= 20 || !/being accessed by other users/.test((err as Error).message)) throw err;
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
  }
}

const url = new URL(template);
url.pathname = `/${name}`;
(globalThis as { __bizosaasTestDatabaseUrl?: string }).__bizosaasTestDatabaseUrl = url.toString();

afterAll(async () => {
  await onServer((c) => c.query(`drop database if exists ${c.escapeIdentifier(name)} with (force)`)).catch(
    () => {},
  );
});
