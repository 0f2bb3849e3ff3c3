import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * The one place that reads process.env. Every variable is documented in the README's
 * configuration table; keep the two in step.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => ['true', '1', 'yes'].includes(v));
const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

/** `1.1.1.1`, `1.1.1.1:53`, `::1`, `[::1]:53` (what node's dns Resolver.setServers accepts). */
/** `a, b,,c` → ['a', 'b', 'c']. */
const commaList = (v: string) =>
  v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function dnsServerOk(v: string): boolean {
  const port = (p: string | undefined) => p === undefined || (/^\d{1,5}$/.test(p) && Number(p) <= 65535);
  const v6 = /^\[([^\]]+)\](?::(.*))?$/.exec(v);
  if (v6) return isIP(v6[1]!) === 6 && port(v6[2]);
  if (isIP(v) === 6) return true;
  const [ip, p, extra] = v.split(':');
  return extra === undefined && isIP(ip!) === 4 && port(p);
}

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8001),
  PUBLIC_URL: url(['http:', 'https:']).optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_APP_URL: url(['postgres:', 'postgresql:']).optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORS_ORIGINS: z
    .string()
    .default('')
    .transform(commaList)
    .pipe(z.array(url(['http:', 'https:']))),
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  /**
   * Which X-Forwarded-* to believe: `false`, or the addresses/CIDRs of the proxies in front
   * (`10.0.0.0/8,127.0.0.1`; the names `loopback`, `linklocal`, `uniquelocal` = private ranges).
   * `true` believes every hop, so a client can forge its IP past per-IP limits; it is accepted only
   * for compatibility. (Fastify ignores a bare hop count: it cannot check the immediate peer.)
   */
  TRUST_PROXY: z
    .string()
    .regex(
      /^(true|false|yes|no|0|([0-9a-fA-F]*[.:][0-9a-fA-F.:/]*|loopback|linklocal|uniquelocal)(\s*,\s*([0-9a-fA-F]*[.:][0-9a-fA-F.:/]*|loopback|linklocal|uniquelocal))*)$/,
      {
        message: "must be false or the proxies' addresses/CIDRs separated by commas (e.g. uniquelocal)",
      },
    )
    .default('false')
    .transform((v): boolean | string[] => {
      if (v === 'true' || v === 'yes') return true;
      if (v === 'false' || v === 'no' || v === '0') return false;
      return v.split(',').map((a) => a.trim());
    }),
  /**
   * DNS servers for custom-domain verification (TXT look-ups): `ip` or `ip:port` (IPv6 as
   * `[::1]:53`), separated by commas; empty: the system's resolvers.
   */
  DNS_SERVERS: z
    .string()
    .default('')
    .transform(commaList)
    .pipe(
      z.array(
        z.string().refine(dnsServerOk, {
          message: 'must be IP addresses with optional ports, like 1.1.1.1,10.0.0.2:5353,[::1]:53',
        }),
      ),
    ),
  RUN_WORKER: bool.default(true),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
  WORKFLOW_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  SEED_DEMO: bool.default(true),
  /** Build the web console (apps/web) on start when its build is missing or stale. */
  CONSOLE_BUILD: bool.default(true),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(9_000),
  SMTP_URL: url(['smtp:', 'smtps:']).optional(),
  CACHE_PREFIX: z
    .string()
    .regex(/^[\w:.-]{0,64}$/)
    .default('bizosaas:'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(900).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  REQUIRE_EMAIL_VERIFICATION: bool.default(true),
  /** Abuse limits on sign-in, sign-up, tokens and resets. Off only for load tests. */
  RATE_LIMITS: bool.default(true),
  COOKIE_SECURE: bool.default(true),
  OIDC_PROVIDERS: z
    .string()
    .default('[]')
    .transform((v, c) => {
      try {
        return JSON.parse(v) as unknown;
      } catch {
        c.addIssue({ code: 'custom', message: 'must be a JSON array' });
        return z.NEVER;
      }
    })
    .pipe(
      z.array(
        z.object({
          id: z.string().regex(/^[a-z0-9-]{1,32}$/),
          name: z.string().min(1),
          issuer: url(['http:', 'https:']),
          clientId: z.string().min(1),
          clientSecret: z.string().min(1),
        }),
      ),
    ),
  DEMO_PASSWORD: z.string().min(8).default('bizosaas-demo-2026'),
  MAIL_FROM: z.string().min(3).default('BizOSaaS <no-reply@bizosaas.local>'),
  /** Largest accepted media upload in bytes (default 20 MiB). */
  MEDIA_MAX_BYTES: z.coerce.number().int().min(1024).max(1_073_741_824).default(20_971_520),
  /** Where media files live: `local` (DATA_DIR/media) or `s3`; s3 when S3_BUCKET is set, else local. */
  MEDIA_STORAGE: z.enum(['local', 's3']).optional(),
  /** S3-compatible object storage for media (path-style URLs, SigV4). */
  S3_ENDPOINT: url(['http:', 'https:']).optional(),
  S3_BUCKET: z
    .string()
    .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be an S3 bucket name')
    .optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Public base URL of the bucket (CDN); without it media are served by signed, expiring redirects. */
  S3_PUBLIC_URL: url(['http:', 'https:']).optional(),
});

export type Config = Readonly<
  Omit<z.infer<typeof envSchema>, 'DATA_DIR'> & {
    DATA_DIR: string;
    PUBLIC_URL: string;
  }
>;

export class ConfigError extends Error {
  constructor(readonly issues: string[]) {
    super(`Invalid configuration:\n${issues.map((i) => `  - ${i}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment once into a frozen Config; a bad value names the variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => `${i.path.join('.') || 'environment'}: ${i.message}`),
    );
  }
  const c = parsed.data;
  return Object.freeze({
    ...c,
    DATA_DIR: path.resolve(c.DATA_DIR),
    PUBLIC_URL: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ''),
  });
}
