import { ConfigError } from '../config.js';
import { BackupError } from '../platform/db/backup-format.js';
import { AppError } from '../platform/errors.js';

/** Exit codes (sysexits.h where one fits), documented in `bizosaas --help`. */
export const EXIT = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  DATA: 65,
  NO_INPUT: 66,
  UNAVAILABLE: 69,
  NO_PERMISSION: 77,
  CONFIG: 78,
} as const;

/** A failure with a message meant for the operator, printed as one line. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.FAILURE,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Bad arguments: the message, then the command's usage, exit code 2. */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly command?: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);
// invalid_authorization_specification, invalid_password, invalid_catalog_name, cannot_connect_now, too_many_connections
const PG_CONNECT_CODES = new Set(['28000', '28P01', '3D000', '57P03', '53300']);

/** Where the CLI connects, for messages; never prints a password. */
export function describeTarget(databaseUrl: string | undefined, dataDir: string): string {
  if (!databaseUrl) return `the embedded PostgreSQL in ${dataDir}`;
  try {
    const u = new URL(databaseUrl);
    u.password = '';
    return `${u.toString().replace(/^(postgres(?:ql)?:\/\/[^@/]*):@/, '$1@')} (DATABASE_URL)`;
  } catch {
    return 'DATABASE_URL';
  }
}

const BACKUP_EXIT: Record<BackupError['code'], number> = {
  NOT_FOUND: EXIT.NO_INPUT,
  NOT_A_BACKUP: EXIT.DATA,
  NEWER_FORMAT: EXIT.DATA,
  CORRUPT: EXIT.DATA,
  INCOMPATIBLE: EXIT.DATA,
  NOT_EMPTY: EXIT.FAILURE,
  PERMISSION: EXIT.NO_PERMISSION,
};

/** Turns any error into one clear line and an exit code. */
export function describeError(err: unknown, target: string): { message: string; exitCode: number } {
  if (err instanceof CliError) return { message: err.message, exitCode: err.exitCode };
  if (err instanceof ConfigError) return { message: err.message, exitCode: EXIT.CONFIG };
  if (err instanceof BackupError) return { message: err.message, exitCode: BACKUP_EXIT[err.code] };
  if (err instanceof AppError) return { message: err.message, exitCode: EXIT.FAILURE };
  const e = err as NodeJS.ErrnoException & { errors?: Error[] };
  if ((e?.code && CONNECT_CODES.has(e.code)) || (e?.code && PG_CONNECT_CODES.has(e.code))) {
    const reason = e.message || e.errors?.map((x) => x.message).join('; ') || e.code;
    return { message: `cannot connect to ${target}: ${reason}`, exitCode: EXIT.UNAVAILABLE };
  }
  return { message: e instanceof Error ? e.message : String(err), exitCode: EXIT.FAILURE };
}
