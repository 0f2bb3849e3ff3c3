import fs from 'node:fs';
import path from 'node:path';
import { BackupReader } from '../platform/db/backup-reader.js';
import type { Command } from './command.js';
import { CliError, EXIT } from './errors.js';
import { createProgress } from './progress.js';
import { withDatabase } from './runtime.js';

const fmt = new Intl.NumberFormat('en-US');
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;

function size(bytes: number) {
  if (bytes >= 1 << 30) return `${(bytes / (1 << 30)).toFixed(1)} GiB`;
  if (bytes >= 1 << 20) return `${(bytes / (1 << 20)).toFixed(1)} MiB`;
  if (bytes >= 1 << 10) return `${(bytes / (1 << 10)).toFixed(1)} KiB`;
  return `${bytes} B`;
}

export const backupCommand: Command = {
  name: 'backup',
  args: '<file>',
  summary: 'write a consistent backup of all data (gzip, works without pg_dump); `-` writes to stdout',
  details: [
    'Takes one REPEATABLE READ snapshot, so the hub may keep running. Background jobs are not included.',
    'The file is written as <file>.partial and renamed when complete.',
  ],
  positionals: { min: 1, max: 1 },
  async run(ctx, [file]) {
    const toStdout = file === '-';
    const target = path.resolve(file!);
    if (!toStdout) {
      const dir = path.dirname(target);
      if (!fs.existsSync(dir))
        throw new CliError(`cannot write ${file}: directory ${dir} does not exist`, EXIT.NO_INPUT);
      if (fs.existsSync(target) && fs.statSync(target).isDirectory())
        throw new CliError(`${file} is a directory`, EXIT.NO_INPUT);
    }
    const { createBackup } = await import('../platform/db/backup.js');
    const partial = `${target}.partial`;
    const started = Date.now();
    const progress = createProgress('backup', ctx.stderr);
    try {
      const summary = await withDatabase(
        ctx,
        (db) =>
          createBackup(db.ownerUrl, toStdout ? process.stdout : fs.createWriteStream(partial), {
            onProgress: progress.update,
          }),
        { migrate: false },
      );
      progress.stop();
      if (!toStdout) fs.renameSync(partial, target);
      const bytes = toStdout ? '' : `, ${size(fs.statSync(target).size)}`;
      const line = `backup of ${summary.header.tables.length} tables, ${fmt.format(summary.rows)} rows (${summary.header.migrations.length} migrations) written to ${toStdout ? 'stdout' : file}${bytes} in ${seconds(started)}`;
      if (toStdout) ctx.note(line);
      else ctx.out(line);
    } catch (err) {
      progress.stop();
      if (!toStdout) fs.rmSync(partial, { force: true });
      throw err;
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  args: '<file> [--force]',
  summary: 'restore a backup into an empty database (--force replaces existing data); `-` reads stdin',
  details: [
    'Migrates the target first, then loads every table in one transaction and checks the row counts:',
    'on any error nothing changes. Restores into the embedded or an external PostgreSQL alike.',
    'Stop the hub and workers before restoring with --force over live data.',
  ],
  options: { force: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [file], flags) {
    // The file is checked before any database work: a wrong path fails in milliseconds.
    const backup = await BackupReader.open(file!);
    const { checkMigrations, restoreBackup } = await import('../platform/db/restore.js');
    const started = Date.now();
    const progress = createProgress('restore', ctx.stderr);
    try {
      checkMigrations(backup);
      ctx.note(
        `restoring ${backup.header.tables.length} tables, ${fmt.format(backup.header.tables.reduce((n, t) => n + t.rows, 0))} rows from a backup of ${backup.header.createdAt}`,
      );
      const summary = await withDatabase(
        ctx,
        (db, config) =>
          restoreBackup(db.ownerUrl, backup, {
            force: flags.force === true,
            appUrl: config.DATABASE_APP_URL,
            onMigrate: (done, total, id) => ctx.note(`  migrated ${id} (${done}/${total})`),
            onProgress: progress.update,
          }),
        { migrate: false },
      );
      progress.stop();
      ctx.out(
        `restored ${summary.tables} tables, ${fmt.format(summary.rows)} rows from ${file}${summary.replaced ? ' (existing data replaced)' : ''} in ${seconds(started)}`,
      );
    } finally {
      progress.stop();
      backup.close();
    }
  },
};

export const inspectCommand: Command = {
  name: 'inspect',
  args: '<file>',
  summary: "show a backup's header: when, which migrations, tables and row counts (reads no data)",
  options: { json: { type: 'boolean' } },
  positionals: { min: 1, max: 1 },
  async run(ctx, [file], flags) {
    const backup = await BackupReader.open(file!);
    backup.close();
    const h = backup.header;
    if (flags.json) {
      ctx.out(JSON.stringify(h));
      return;
    }
    ctx.out(
      `BizOSaaS backup, format ${h.version}, made ${h.createdAt} from database ${h.database} (PostgreSQL ${h.postgres})`,
    );
    ctx.out(`migrations: ${h.migrations.join(', ') || 'none'}`);
    for (const t of h.tables) ctx.out(`  ${t.name.padEnd(40)} ${fmt.format(t.rows).padStart(12)} rows`);
  },
};
