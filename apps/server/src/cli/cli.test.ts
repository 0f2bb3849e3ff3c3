import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { databaseUrl, testEnv, uniqueSlug } from '../../test/helpers.js';
import { createTenant } from '../modules/identity/index.js';
import { createDatabase } from '../platform/db/pools.js';
import { main } from './main.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const tsx = path.join(root, 'node_modules/.bin/tsx');
const entry = path.join(root, 'apps/server/src/cli/main.ts');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-cli-test-'));

/**
 * Runs the real CLI in a child process, as an operator would. Starting tsx on a loaded 2-core CI
 * machine once took over 25 s, so the limits here are generous; a hung CLI still fails.
 */
function cli(
  args: string[],
  env: Record<string, string | undefined> = {},
): Promise<{ code: number; stdout: string; stderr: string }> {
  const merged = { ...process.env, ...testEnv(), LOG_LEVEL: undefined, ...env };
  const clean = Object.fromEntries(
    Object.entries(merged).filter(([, v]) => v !== undefined),
  ) as NodeJS.ProcessEnv;
  return new Promise((resolve) => {
    execFile(tsx, [entry, ...args], { cwd: root, env: clean, timeout: 110_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

const dropped: string[] = [];
afterAll(async () => {
  const admin = new pg.Client({ connectionString: databaseUrl() });
  await admin.connect();
  for (const name of dropped) await admin.query(`drop database if exists ${name} with (force)`);
  await admin.end();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe.concurrent('the bizosaas CLI', { timeout: 240_000 }, () => {
  it('creates a tenant and lists it', async () => {
    const slug = uniqueSlug('cli');
    const created = await cli(['tenant', 'create', 'CLI Test Co', '--slug', slug, '--kind', 'agency']);
    expect(created.stderr).toBe('');
    expect(created).toMatchObject({
      code: 0,
      stdout: expect.stringContaining(`created agency tenant ${slug}`),
    });
    const [list, json, taken] = await Promise.all([
      cli(['tenant', 'list']),
      cli(['tenant', 'list', '--json', '--search', slug]),
      cli(['tenant', 'create', 'Again', '--slug', slug]),
    ]);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID +SLUG +KIND/);
    expect(list.stdout).toMatch(new RegExp(`${slug} +agency +active .*CLI Test Co`));
    expect(JSON.parse(json.stdout)).toEqual([
      expect.objectContaining({ slug, name: 'CLI Test Co', kind: 'agency' }),
    ]);
    expect(taken).toMatchObject({ code: 1, stderr: expect.stringMatching(/already taken/) });
  });

  it('prints usage and exits 2 on bad arguments', async () => {
    // One real process for the exit code, the rest of the matrix in-process (no database needed).
    const real = await cli(['frobnicate']);
    expect(real).toMatchObject({
      code: 2,
      stdout: '',
      stderr: expect.stringMatching(/unknown command "frobnicate"[\s\S]*Usage: bizosaas/),
    });
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      const cases: [string[], RegExp][] = [
        [['tenant', 'create'], /missing <name>/],
        [['tenant'], /tenant needs a subcommand: tenant create\|list/],
        [['tenant', 'list', '--nope'], /Unknown option '--nope'/],
        [['tenant', 'create', 'X', '--kind', 'shop'], /--kind must be one of/],
        [['backup'], /missing <file>/],
        [['restore', 'a', 'b'], /unexpected argument "b"/],
        [['jobs', 'retry', 'abc'], /job id must be a number/],
        [['jobs', 'list', '--state', 'lost'], /--state must be one of/],
      ];
      for (const [argv, message] of cases) {
        stderr.mockClear();
        expect(await main(argv), argv.join(' ')).toBe(2);
        const text = stderr.mock.calls.map((c) => String(c[0])).join('');
        expect(text).toMatch(message);
        expect(text).toMatch(/Usage: bizosaas/);
      }
      expect(stdout).not.toHaveBeenCalled();
      // Bad files fail before any database work, with one line and their own exit codes.
      const fileCases: [string[], number, RegExp][] = [
        [['restore', path.join(tmp, 'nope.gz')], 66, /^bizosaas restore: no such file: .*nope\.gz\n$/],
        [
          ['restore', entry],
          65,
          /^bizosaas restore: .*main\.ts is not a BizOSaaS backup \(not gzip data\)\n$/,
        ],
        [['inspect', tmp], 66, /is a directory/],
      ];
      for (const [argv, code, message] of fileCases) {
        stderr.mockClear();
        expect(await main(argv), argv.join(' ')).toBe(code);
        expect(stderr.mock.calls.map((c) => String(c[0])).join('')).toMatch(message);
      }
      expect(await main(['--help'])).toBe(0);
      expect(String(stdout.mock.calls[0]?.[0])).toMatch(/backup +write a consistent backup/);
    } finally {
      stderr.mockRestore();
      stdout.mockRestore();
    }
  });

  it('backs up and restores through the command line, with clear errors', async () => {
    const file = path.join(tmp, 'cli.backup.gz');
    const name = `bizosaas_cli_restore_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: databaseUrl() });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    dropped.push(name);
    const u = new URL(databaseUrl());
    u.pathname = `/${name}`;
    const target = u.toString();

    // At least one row, whatever the other tests of this file have written yet.
    const db = createDatabase({ ownerUrl: databaseUrl(), poolMax: 1 });
    await createTenant({ db }, { name: 'Backed Up Co', slug: uniqueSlug('bk') }).finally(() => db.close());
    const [backup, down] = await Promise.all([
      cli(['backup', file]),
      cli(['tenant', 'list'], { DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/none' }),
    ]);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(
      /^backup of \d+ tables, [\d,]+ rows \(\d+ migrations\) written to .*cli\.backup\.gz/,
    );
    expect(backup.stderr).toMatch(/^backup: [a-z_.]+ done \(\d+\/\d+ tables, /m); // plain progress lines when not a TTY
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    expect(down.code).toBe(69);
    expect(down.stderr).toMatch(
      /cannot connect to postgres:\/\/postgres@127\.0\.0\.1:1\/none \(DATABASE_URL\): .*ECONNREFUSED/,
    );
    expect(down.stderr).not.toContain('secret');

    const restored = await cli(['restore', file], { DATABASE_URL: target });
    expect(restored.code, restored.stderr).toBe(0);
    expect(restored.stdout).toMatch(/^restored \d+ tables, [\d,]+ rows from /);
    const again = await cli(['restore', file], { DATABASE_URL: target });
    expect(again).toMatchObject({ code: 1, stderr: expect.stringMatching(/not empty .*--force/) });
  });
});
