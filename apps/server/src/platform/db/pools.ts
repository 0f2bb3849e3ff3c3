import { createHmac } from 'node:crypto';
import pg from 'pg';

/** The role every request runs as: owns nothing, no BYPASSRLS, no superuser. */
export const APP_ROLE = 'bizosaas_app';

export interface Database {
  /** Owner connection: migrations, the job runner, operator and cross-tenant system work. */
  admin: pg.Pool;
  /** Request connection as APP_ROLE: every tenant query goes through withTenant() on this pool. */
  app: pg.Pool;
  ownerUrl: string;
  appUrl: string;
  close(): Promise<void>;
}

// pg returns int8/numeric as strings by default; counts in this codebase fit in a JS number.
pg.types.setTypeParser(20, (v) => Number(v));
/**
 * Timestamps travel as ISO 8601 strings, what the API's response schemas declare. Our sessions run
 * in UTC (see `options` below), so PostgreSQL's text `2026-11-22 04:24:40.2058+00` becomes
 * `2026-11-22T04:24:40.2058Z` by string surgery (a Date round trip per value cost 4.6 % of a
 * 20-row list request); anything else falls back to Date.
 */
export function isoTimestamp(v: string): string {
  if (v.length >= 22 && v.charCodeAt(10) === 32 && v.endsWith('+00'))
    return `${v.slice(0, 10)}T${v.slice(11, -3)}Z`;
  return new Date(v).toISOString();
}
pg.types.setTypeParser(1184, isoTimestamp);
pg.types.setTypeParser(1114, (v) => isoTimestamp(`${v}+00`));

/**
 * The app role's password is derived from the owner's credentials, so a configured DATABASE_URL
 * is enough; DATABASE_APP_URL overrides it (e.g. a managed database with its own app user).
 */
export function deriveAppUrl(ownerUrl: string): { url: string; password: string } {
  const u = new URL(ownerUrl);
  const password = createHmac('sha256', `${u.username}:${decodeURIComponent(u.password)}`)
    .update(APP_ROLE)
    .digest('base64url');
  u.username = APP_ROLE;
  u.password = password;
  return { url: u.toString(), password };
}

export function createDatabase(opts: {
  ownerUrl: string;
  appUrl?: string;
  poolMax: number;
  applicationName?: string;
}): Database {
  const appUrl = opts.appUrl ?? deriveAppUrl(opts.ownerUrl).url;
  const application_name = opts.applicationName ?? 'bizosaas';
  const options = '-c TimeZone=UTC';
  const admin = new pg.Pool({
    connectionString: opts.ownerUrl,
    options,
    max: Math.max(2, Math.ceil(opts.poolMax / 4)),
    application_name: `${application_name}-admin`,
    idleTimeoutMillis: 30_000,
  });
  const app = new pg.Pool({
    connectionString: appUrl,
    options,
    max: opts.poolMax,
    application_name,
    idleTimeoutMillis: 30_000,
  });
  // An idle client that errors (server restart) must not crash the process.
  admin.on('error', () => {});
  app.on('error', () => {});
  let closing: Promise<void> | undefined;
  return {
    admin,
    app,
    ownerUrl: opts.ownerUrl,
    appUrl,
    close() {
      closing ??= Promise.all([admin.end(), app.end()]).then(() => {});
      return closing;
    },
  };
}
