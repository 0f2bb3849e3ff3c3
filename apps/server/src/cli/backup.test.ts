import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseUrl } from '../../test/helpers.js';
import { createTenant } from '../modules/identity/index.js';
import { systemCtx } from '../platform/context.js';
import { createBackup } from '../platform/db/backup.js';
import { type BackupProgress, discoverTables, quoteName } from '../platform/db/backup-format.js';
import { BackupReader } from '../platform/db/backup-reader.js';
import { migrate } from '../platform/db/migrate.js';
import { createDatabase, type Database } from '../platform/db/pools.js';
import { restoreBackup } from '../platform/db/restore.js';
import { withTenant } from '../platform/db/tenant.js';
import { uuidv7 } from '../platform/ids.js';
import { createLogger } from '../platform/logging.js';
import { startWorkflow } from '../platform/workflows/workflows.js';

/** Fresh databases on the run's server, so no other test file writes into what we compare. */
const created: string[] = [];
async function freshDatabase(label: string): Promise<string> {
  const name = `bizosaas_${label}_${process.pid}_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  created.push(name);
  const u = new URL(databaseUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

/** Every table's full contents, as sorted JSON rows, keyed by table name. */
async function snapshot(url: string): Promise<Record<string, unknown[]>> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of await discoverTables(c)) {
      const { rows } = await c.query(
        `select coalesce(jsonb_agg(to_jsonb(t) order by to_jsonb(t)::text), '[]') as rows from ${quoteName(c, t.schema, t.table)} t`,
      );
      out[t.name] = rows[0].rows;
    }
    return out;
  } finally {
    await c.end();
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-backup-test-'));
const file = path.join(tmp, 'backup.gz');
let sourceUrl: string;
let targetUrl: string;
let source: Database;
let before: Record<string, unknown[]>;

beforeAll(async () => {
  sourceUrl = await freshDatabase('bk_src');
  targetUrl = await freshDatabase('bk_dst');
  await migrate(sourceUrl);
  source = createDatabase({ ownerUrl: sourceUrl, poolMax: 2 });
  const log = createLogger({ LOG_LEVEL: 'silent' });
  const agency = await createTenant(
    { db: source },
    { name: 'Agency "quoted" \\ back\tslash', kind: 'agency' },
  );
  const tenants = [agency];
  for (const name of ['Zürich Café ☕', 'Line\nbreak Ltd', 'Plain Co']) {
    tenants.push(
      await createTenant({ db: source }, { name, slug: `s-${tenants.length}`, parentId: agency.id }),
    );
  }
  for (const [i, t] of tenants.entries()) {
    await withTenant(systemCtx(source, log, t.id), async (ctx) => {
      for (let n = 0; n < 3; n++)
        await startWorkflow(ctx, 'test.backup', { i, n, text: 'tab\there, newline\nthere, \\.' });
    });
  }
  // Steps and mail through the owner connection (the test owns the database, RLS is not the point here).
  await source.admin.query(
    `insert into platform.workflow_steps (tenant_id, run_id, step, seq, result)
     select tenant_id, id, 'step-' || g, g, jsonb_build_object('g', g, 'null', null, 'arr', jsonb_build_array(1.5, 'x'))
     from platform.workflow_runs, generate_series(1, 2) g`,
  );
  await source.admin.query(
    `insert into platform.mail_outbox (id, to_address, from_address, subject, text_body, html_body, transport)
     values ($1, 'a@example.com', 'b@example.com', E'Subject \\\\. with \\\\N', E'body\\nline 2\\r\\n\\\\.\\n', null, 'outbox')`,
    [uuidv7()],
  );
  before = await snapshot(sourceUrl);
});

afterAll(async () => {
  await source?.close();
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  for (const name of created) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('backup and restore', () => {
  it('restores a backup into an empty database with every row identical', async () => {
    expect(before['identity.tenants']).toHaveLength(4);
    expect(before['platform.workflow_runs']).toHaveLength(12);
    expect(before['platform.workflow_steps']).toHaveLength(24);
    expect(before['platform.mail_outbox']).toHaveLength(1);

    const total = Object.values(before).reduce((n, rows) => n + rows.length, 0);
    const seen: BackupProgress[] = [];
    const { header, rows } = await createBackup(sourceUrl, fs.createWriteStream(file), {
      onProgress: (p) => seen.push(p),
    });
    expect(rows).toBe(total);
    expect(header.migrations).toContain('0001_platform');
    expect(header.tables.map((t) => t.name)).toEqual(expect.arrayContaining(Object.keys(before)));
    // Load order: a table comes after the tables it references.
    const order = header.tables.map((t) => t.name);
    expect(order.indexOf('identity.tenants')).toBeLessThan(order.indexOf('platform.workflow_runs'));
    expect(order.indexOf('platform.workflow_runs')).toBeLessThan(order.indexOf('platform.workflow_steps'));
    expect(seen.at(-1)).toMatchObject({
      rowsDone: total,
      rowsTotal: total,
      tableDone: true,
      tablesDone: header.tables.length,
    });

    const backup = await BackupReader.open(file);
    try {
      const summary = await restoreBackup(targetUrl, backup);
      expect(summary).toMatchObject({ rows: total, replaced: false });
    } finally {
      backup.close();
    }
    expect(await snapshot(targetUrl)).toEqual(before);
  });

  it('refuses a non-empty target unless forced, then replaces its data', async () => {
    const again = await BackupReader.open(file);
    await expect(restoreBackup(targetUrl, again)).rejects.toMatchObject({
      code: 'NOT_EMPTY',
      message: expect.stringMatching(/not empty .*--force/),
    });
    again.close();
    const c = new pg.Client({ connectionString: targetUrl });
    await c.connect();
    await c.query(`update identity.tenants set name = 'changed after the backup'`);
    await c.end();
    const forced = await BackupReader.open(file);
    await expect(restoreBackup(targetUrl, forced, { force: true })).resolves.toMatchObject({
      replaced: true,
    });
    forced.close();
    expect(await snapshot(targetUrl)).toEqual(before);
  });

  it('a truncated backup fails cleanly and leaves the target as it was', async () => {
    const whole = fs.readFileSync(file);
    const cut = path.join(tmp, 'cut.gz');
    // Keep the header (it is in the first deflate block) but lose the end of the data.
    const raw = zlib.gunzipSync(whole);
    fs.writeFileSync(cut, zlib.gzipSync(raw.subarray(0, raw.length - 200)));
    const backup = await BackupReader.open(cut);
    await expect(restoreBackup(targetUrl, backup, { force: true })).rejects.toMatchObject({
      code: 'CORRUPT',
      message: expect.stringMatching(/truncated|corrupt/),
    });
    backup.close();
    // A file cut in the middle of the gzip stream: either the header is already unreadable or the data is.
    fs.writeFileSync(cut, whole.subarray(0, Math.floor(whole.length * 0.6)));
    const attempt = BackupReader.open(cut).then((b) =>
      restoreBackup(targetUrl, b, { force: true }).finally(() => b.close()),
    );
    await expect(attempt).rejects.toMatchObject({ code: expect.stringMatching(/^(CORRUPT|NOT_A_BACKUP)$/) });
    expect(await snapshot(targetUrl)).toEqual(before);
  });

  it('names what is wrong with a file that is not a usable backup', async () => {
    const write = (name: string, data: string | Buffer) => {
      const p = path.join(tmp, name);
      fs.writeFileSync(p, data);
      return p;
    };
    await expect(BackupReader.open(path.join(tmp, 'missing.gz'))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: /no such file/,
    });
    await expect(BackupReader.open(write('notes.txt', 'hello\n'))).rejects.toMatchObject({
      code: 'NOT_A_BACKUP',
      message: /not a BizOSaaS backup/,
    });
    await expect(
      BackupReader.open(write('other.gz', zlib.gzipSync('{"some":"json"}\nmore\n'))),
    ).rejects.toMatchObject({
      code: 'NOT_A_BACKUP',
    });
    await expect(
      BackupReader.open(write('binary.gz', zlib.gzipSync(Buffer.alloc(100_000, 7)))),
    ).rejects.toMatchObject({
      code: 'NOT_A_BACKUP',
    });
    const header = (h: object) =>
      zlib.gzipSync(
        `${JSON.stringify({ format: 'bizosaas-backup', tables: [], migrations: [], sequences: [], ...h })}\n`,
      );
    await expect(BackupReader.open(write('future.gz', header({ version: 99 })))).rejects.toMatchObject({
      code: 'NEWER_FORMAT',
      message: /format version 99.*upgrade/,
    });
    const unknown = await BackupReader.open(
      write('newer-schema.gz', header({ version: 1, migrations: ['0001_platform', '9999_future'] })),
    );
    await expect(restoreBackup(targetUrl, unknown)).rejects.toMatchObject({
      code: 'INCOMPATIBLE',
      message: /9999_future/,
    });
    unknown.close();
  });
});
