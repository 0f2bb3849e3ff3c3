import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatAuthCost, measureBearerCost } from './lib/auth-cost.js';
import { installCleanupHandlers, onCleanup, runCleanup, wasInterrupted } from './lib/cleanup.js';
import { type ConsoleFigures, formatConsole, measureConsole } from './lib/console.js';
import { createBenchDatabase, seedWorkflowRuns } from './lib/database.js';
import { runLoad } from './lib/load.js';
import { mb, RssSampler, treeRss } from './lib/memory.js';
import { freePort, spawnTs, waitForHttp } from './lib/processes.js';
import { progress, progressDone } from './lib/progress.js';
import { formatReport, type ScenarioOutcome } from './lib/report.js';
import { formatSites } from './lib/sites-report.js';
import { measurements, scenarios } from './scenarios/index.js';
import { type BenchContext, isSkip, type Scenario } from './scenarios/scenario.js';

/**
 * npm run bench: one run against a real PostgreSQL (BENCH_DATABASE_URL) in a fresh database that is
 * dropped at the end. Starts the hub as a child process, seeds benchmark rows, runs every scenario
 * at BENCH_CONNECTIONS (100) for BENCH_SECONDS (10) after a BENCH_WARMUP_SECONDS (2) warm-up, and
 * prints figures next to their targets. Exits 0 when targets are missed: it reports, it does not test.
 */
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const POOL_MAX = 20;
/** BENCH_ONLY=crm,crm-import runs only those scenarios (ids); the console figures only when it names `console`. */
const ONLY = process.env.BENCH_ONLY?.split(',')
  .map((s) => s.trim())
  .filter(Boolean);
const BENCH_JWT_SECRET = 'bench-secret-bench-secret-bench-secret-0123';

async function startHub(ownerUrl: string) {
  const port = await freePort();
  // A private DATA_DIR: the hub may write files there (e.g. a generated signing secret).
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-bench-'));
  onCleanup(async () => fs.rmSync(dataDir, { recursive: true, force: true }));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: ownerUrl,
    DATABASE_POOL_MAX: String(POOL_MAX),
    LOG_LEVEL: 'warn',
    SEED_DEMO: 'true',
    JWT_SECRET: BENCH_JWT_SECRET,
    // The sign-in scenario sends hundreds of sign-ins a second from one IP: exactly what the abuse
    // limits exist to stop. Measured here is the cost of a sign-in, not the limiter.
    RATE_LIMITS: 'false',
    ...(ONLY && !ONLY.includes('console') ? { CONSOLE_BUILD: 'false' } : {}),
  };
  delete env.DATABASE_APP_URL;
  const hub = spawnTs('hub', 'apps/server/src/main.ts', env, ROOT);
  onCleanup(() => hub.stop());
  const url = `http://127.0.0.1:${port}`;
  const readyMs = await waitForHttp(hub, `${url}/health`);
  return { hub, url, readyMs };
}

async function runScenario(s: Scenario, ctx: BenchContext, sampler: RssSampler): Promise<ScenarioOutcome> {
  const base = { id: s.id, name: s.name };
  try {
    const target = await s.setup(ctx);
    if (isSkip(target)) {
      process.stderr.write(`(${s.id}) ${s.name}: skipped: ${target.skip}\n`);
      return { ...base, skipped: target.skip };
    }
    const probe = await fetch(target.url, {
      method: target.method ?? 'GET',
      headers: target.headers,
      body: target.body,
    });
    await probe.arrayBuffer();
    if (!probe.ok) return { ...base, failed: `probe answered ${probe.status}` };
    const label = `(${s.id}) ${s.name}`;
    if (WARMUP > 0) {
      progress(`${label}: warming up ${WARMUP} s`);
      await runLoad({ ...target, connections: target.connections ?? CONNECTIONS, seconds: WARMUP });
    }
    sampler.resetMax();
    const result = await runLoad({
      ...target,
      connections: target.connections ?? CONNECTIONS,
      seconds: SECONDS,
      onSecond: (t, n) => {
        const rss = s.hitsHub ? `  hub RSS ${mb(sampler.last)} MB` : '';
        progress(`${label}: ${t}/${SECONDS} s  ${n.toLocaleString('en-US')} req/s${rss}`);
      },
    });
    progressDone();
    return { ...base, result, hubRssMax: s.hitsHub ? sampler.maxSinceReset() : undefined };
  } catch (err) {
    progressDone();
    return { ...base, failed: err instanceof Error ? err.message : String(err) };
  } finally {
    await s.teardown?.().catch(() => {});
  }
}

async function main() {
  installCleanupHandlers();
  const db = await createBenchDatabase(SERVER_URL);
  onCleanup(() => db.drop());
  process.stderr.write(`database ${db.name} created; starting the hub…\n`);
  const { hub, url, readyMs } = await startHub(db.url);
  const data = await seedWorkflowRuns(db.url);
  process.stderr.write(
    `hub answered /health after ${readyMs} ms; seeded 3 tenants × ${data.runsPerTenant} runs\n`,
  );

  await new Promise((r) => setTimeout(r, 2000)); // let start-up garbage settle before the idle reading
  const idle = treeRss(hub.pid);
  const sampler = new RssSampler(hub.pid, 250);
  sampler.start();
  let maxUnderLoad = 0;

  const ctx: BenchContext = {
    root: ROOT,
    hubUrl: url,
    ownerUrl: db.url,
    poolMax: POOL_MAX,
    data,
    async startService(name, entry, env, readyUrl) {
      const service = spawnTs(name, entry, { ...process.env, ...env }, ROOT);
      onCleanup(() => service.stop());
      await waitForHttp(service, readyUrl);
      return service;
    },
  };
  const outcomes: ScenarioOutcome[] = [];
  for (const s of ONLY ? scenarios.filter((x) => ONLY.includes(x.id)) : scenarios) {
    const outcome = await runScenario(s, ctx, sampler);
    if (outcome.hubRssMax) maxUnderLoad = Math.max(maxUnderLoad, outcome.hubRssMax);
    outcomes.push(outcome);
  }
  const measured: string[] = [];
  for (const m of ONLY ? measurements.filter((x) => ONLY.includes(x.id)) : measurements) {
    const lines = await m.run(ctx).catch((err: Error) => [`FAILED: ${err.message}`]);
    measured.push(...lines.map((l) => `(${m.id}) ${m.name}: ${l}`));
  }
  sampler.stop();
  progress('console: bundle sizes and the dashboard in Chromium');
  const consoleFigures = await (ONLY && !ONLY.includes('console')
    ? Promise.reject(new Error('BENCH_ONLY'))
    : measureConsole(ROOT, url)
  ).catch((err: Error) => ({ skipped: err.message }) as ConsoleFigures);
  progressDone();
  const authCost = await measureBearerCost(db.url, BENCH_JWT_SECRET, data.tenantId).catch((err: Error) => {
    process.stderr.write(`bearer cost not measured: ${err.message}\n`);
    return undefined;
  });

  const header = [
    `BizOSaaS benchmark: ${CONNECTIONS} connections, ${SECONDS} s per scenario (+${WARMUP} s warm-up), ` +
      `hub and bare server run as node --import tsx, pool max ${POOL_MAX}`,
    `PostgreSQL ${new URL(SERVER_URL).host}, database ${db.name}; node ${process.version}, ` +
      `${os.cpus().length} CPUs shared by load generator, servers and PostgreSQL`,
  ];
  process.stdout.write(formatReport(header, outcomes, { idle, maxUnderLoad }));
  if (authCost)
    process.stdout.write(formatAuthCost(authCost, outcomes.find((o) => o.id === 'b')?.result?.rpsAvg));
  if (measured.length) process.stdout.write(`${measured.join('\n')}\n`);
  if (outcomes.some((o) => o.id === 'site')) process.stdout.write(formatSites(outcomes));
  process.stdout.write(formatConsole(consoleFigures));
  await runCleanup();
}

main().then(
  () => process.exit(0),
  async (err: unknown) => {
    if (!wasInterrupted()) {
      process.stderr.write(`benchmark failed: ${err instanceof Error ? err.message : String(err)}\n`);
    }
    await runCleanup();
    process.exit(wasInterrupted() ? 130 : 1);
  },
);
