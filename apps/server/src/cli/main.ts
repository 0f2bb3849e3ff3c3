import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pino from 'pino';
import { loadConfig } from '../config.js';
import { backupCommand, inspectCommand, restoreCommand } from './backup.command.js';
import type { Command, Flags } from './command.js';
import { migrateCommand, seedCommand } from './database.command.js';
import { describeError, describeTarget, EXIT, UsageError } from './errors.js';
import { jobsList, jobsRetry } from './jobs.command.js';
import { openapiCommand } from './openapi.command.js';
import type { CliContext } from './runtime.js';
import { tenantCreate, tenantList } from './tenant.command.js';
import { workerCommand } from './worker.command.js';

export const commands: Command[] = [
  migrateCommand,
  seedCommand,
  tenantCreate,
  tenantList,
  workerCommand,
  backupCommand,
  restoreCommand,
  inspectCommand,
  jobsList,
  jobsRetry,
  openapiCommand,
];

const PROG = 'bizosaas';

function version(): string {
  const file = fileURLToPath(new URL('../../package.json', import.meta.url));
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 2;
  return [
    `Usage: ${PROG} <command> [options]        (or: npm run cli -- <command> [options])`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run \`${PROG} <command> --help\` for a command's arguments.`,
    '',
    'The database is DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR (./data): the one',
    'a running hub (`npm start`) already serves, or one the command starts and stops itself.',
    'Exit codes: 0 ok, 1 failed, 2 bad arguments, 65 bad backup file, 66 file not found,',
    '69 database unreachable, 77 not enough database privileges, 78 bad configuration.',
  ].join('\n');
}

export function commandUsage(c: Command): string {
  return [
    `Usage: ${PROG} ${c.name}${c.args ? ` ${c.args}` : ''}`,
    '',
    `  ${c.summary}`,
    ...(c.details ?? []).map((d) => `  ${d}`),
  ].join('\n');
}

/** Finds the command (one or two words) and parses its arguments; throws UsageError on anything wrong. */
export function parseCommandLine(argv: string[]): {
  command?: Command;
  args: string[];
  flags: Flags;
  help: boolean;
  version?: boolean;
} {
  const first = argv[0];
  if (first === '--version' || first === '-v') return { args: [], flags: {}, help: false, version: true };
  if (!first || first === '--help' || first === '-h' || first === 'help') {
    const topic = first === 'help' ? argv.slice(1).join(' ') : '';
    const command = topic ? commands.find((c) => c.name === topic) : undefined;
    if (topic && !command) throw new UsageError(`unknown command "${topic}"`);
    return { command, args: [], flags: {}, help: true };
  }
  const two = `${first} ${argv[1] ?? ''}`;
  let command = commands.find((c) => c.name === two);
  let rest = argv.slice(2);
  if (!command) {
    command = commands.find((c) => c.name === first);
    rest = argv.slice(1);
  }
  if (!command) {
    const group = commands.filter((c) => c.name.startsWith(`${first} `));
    if (group.length) {
      const subs = group.map((c) => c.name.split(' ')[1]).join('|');
      throw new UsageError(
        argv[1] && !argv[1].startsWith('-')
          ? `unknown command "${two}": use ${first} ${subs}`
          : `${first} needs a subcommand: ${first} ${subs}`,
      );
    }
    throw new UsageError(`unknown command "${first}"`);
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    throw new UsageError(
      (err as Error).message.replace(/\. To specify a positional argument.*$/s, ''),
      command.name,
    );
  }
  const flags = parsed.values as Flags;
  if (flags.help) return { command, args: [], flags, help: true };
  const { min, max } = command.positionals ?? { min: 0, max: Number.POSITIVE_INFINITY };
  const args = parsed.positionals;
  if (args.length < min) {
    const wanted = command.args.split(' ').filter((a) => a.startsWith('<'))[args.length] ?? 'an argument';
    throw new UsageError(`${command.name}: missing ${wanted}`, command.name);
  }
  if (args.length > max)
    throw new UsageError(`${command.name}: unexpected argument "${args[max]}"`, command.name);
  return { command, args, flags, help: false };
}

export async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    const c = commands.find((x) => x.name === err.command);
    process.stderr.write(`${PROG}: ${err.message}\n\n${c ? commandUsage(c) : usage()}\n`);
    return EXIT.USAGE;
  }
  const { command, args, flags, help } = parsed;
  if (parsed.version) {
    process.stdout.write(`${PROG} ${version()}\n`);
    return EXIT.OK;
  }
  if (help || !command) {
    process.stdout.write(`${command ? commandUsage(command) : usage()}\n`);
    return EXIT.OK;
  }

  let target = 'the database';
  let debug = false;
  try {
    // Commands are quiet unless LOG_LEVEL says otherwise; the worker logs like the hub.
    const config = loadConfig({ LOG_LEVEL: command === workerCommand ? 'info' : 'warn', ...process.env });
    target = describeTarget(config.DATABASE_URL, config.DATA_DIR);
    debug = config.LOG_LEVEL === 'debug' || config.LOG_LEVEL === 'trace';
    const log = pino(
      { level: config.LOG_LEVEL, base: { service: 'bizosaas', pid: process.pid, cli: command.name } },
      command === workerCommand ? pino.destination(1) : pino.destination(2),
    );
    const ctx: CliContext = {
      config,
      log,
      out: (line) => process.stdout.write(`${line}\n`),
      note: (line) => process.stderr.write(`${line}\n`),
      stderr: process.stderr,
    };
    return (await command.run(ctx, args, flags)) ?? EXIT.OK;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${PROG}: ${err.message}\n\n${commandUsage(command)}\n`);
      return EXIT.USAGE;
    }
    const { message, exitCode } = describeError(err, target);
    process.stderr.write(`${PROG} ${command.name}: ${message}\n`);
    if (exitCode === EXIT.FAILURE && debug) process.stderr.write(`${(err as Error)?.stack}\n`);
    return exitCode;
  }
}

/** Runs the CLI and exits with its code (used by this file as the entry point and by bin/bizosaas.mjs). */
export function runCli(argv: string[]) {
  // `bizosaas tenant list | head`: a closed pipe is the reader's choice, not an error.
  process.stdout.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE') process.exit(EXIT.OK);
    throw err;
  });
  main(argv).then(
    (code) => {
      process.exitCode = code;
      // Pools and timers are closed by now; exit promptly even if a library left a handle open.
      setTimeout(() => process.exit(code), 100).unref();
    },
    (err) => {
      process.stderr.write(`${PROG}: ${err instanceof Error ? err.stack : String(err)}\n`);
      process.exit(EXIT.FAILURE);
    },
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  runCli(process.argv.slice(2));
