import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { type BuildOptions, buildApp } from '../src/app.js';
import { type Config, loadConfig } from '../src/config.js';
import { createTenant, type Tenant, type TenantKind } from '../src/modules/identity/index.js';
import { createHub, type Hub } from '../src/platform/hub.js';
import { createLogger } from '../src/platform/logging.js';

let counter = 0;
/** This test file's own database (a copy of the run's migrated template). */
export const databaseUrl = () => {
  const url = (globalThis as { __bizosaasTestDatabaseUrl?: string }).__bizosaasTestDatabaseUrl;
  if (!url) throw new Error('test/per-file-database.ts did not run (vitest setupFiles)');
  return url;
};
export const redisUrl = () => inject('redisUrl') || undefined;

/** The environment a test hub runs with: the run's database, Redis when CI gives one, no seed. */
export function testEnv(
  overrides: Record<string, string | undefined> = {},
): Record<string, string | undefined> {
  return {
    DATABASE_URL: databaseUrl(),
    REDIS_URL: redisUrl(),
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SEED_DEMO: 'false',
    RUN_WORKER: 'false',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789',
    COOKIE_SECURE: 'false',
    CACHE_PREFIX: `test:${process.pid}:${Date.now().toString(36)}:${(counter++).toString(36)}:`,
    DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-test-data-')),
    ...overrides,
  };
}

export function testConfig(overrides: Record<string, string | undefined> = {}): Config {
  return loadConfig(testEnv(overrides));
}

export async function buildTestApp(
  overrides: Record<string, string | undefined> = {},
  opts: BuildOptions = {},
): Promise<FastifyInstance> {
  return buildApp(testConfig(overrides), opts);
}

/** Platform services without HTTP, for service-level tests. */
export async function buildTestHub(overrides: Record<string, string | undefined> = {}): Promise<Hub> {
  const config = testConfig(overrides);
  return createHub(config, createLogger(config));
}

export function uniqueSlug(prefix = 't') {
  return `${prefix}-${process.pid}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
}

export async function createTestTenant(
  hub: Pick<Hub, 'db'>,
  opts: { name?: string; kind?: TenantKind; parentId?: string } = {},
): Promise<Tenant> {
  const slug = uniqueSlug(opts.kind ?? 'biz');
  return createTenant(
    { db: hub.db },
    { name: opts.name ?? `Tenant ${slug}`, slug, kind: opts.kind, parentId: opts.parentId },
  );
}
