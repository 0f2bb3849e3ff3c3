import pg from 'pg';
import { uuidv7 } from '../../src/platform/ids.js';

export interface BenchDatabase {
  name: string;
  /** Owner URL of the fresh database (the hub's DATABASE_URL). */
  url: string;
  drop(): Promise<void>;
}

/** Creates bizosaas_bench_<timestamp> on the server of `serverUrl`; drop() removes it (forcing out sessions). */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `bizosaas_bench_${Date.now()}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: serverUrl, application_name: 'bizosaas-bench' });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: u.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

export interface BenchData {
  /** The tenant whose 20 newest runs every read scenario asks for. */
  tenantId: string;
  tenantSlug: string;
  /** Neighbour tenants with rows of their own, so the tenant filter has something to filter. */
  otherTenantIds: string[];
  runsPerTenant: number;
}

const STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;

/**
 * Inserts three business tenants under no parent and `runsPerTenant` workflow runs for each, on the
 * owner connection (the tables exist once the hub has migrated the database).
 */
export async function seedWorkflowRuns(ownerUrl: string, runsPerTenant = 50): Promise<BenchData> {
  const client = new pg.Client({ connectionString: ownerUrl, application_name: 'bizosaas-bench-seed' });
  await client.connect();
  try {
    await client.query('begin');
    const tenants: { id: string; slug: string }[] = [];
    for (const slug of ['bench-target', 'bench-neighbour-1', 'bench-neighbour-2']) {
      const id = uuidv7();
      await client.query(
        `insert into identity.tenants (id, slug, name, kind) values ($1, $2, $3, 'business')`,
        [id, slug, `Benchmark ${slug}`],
      );
      tenants.push({ id, slug });
    }
    for (const t of tenants) {
      for (let i = 0; i < runsPerTenant; i++) {
        const status = STATUSES[i % STATUSES.length]!;
        await client.query(
          `insert into platform.workflow_runs
             (tenant_id, id, workflow, key, status, input, output, attempts, finished_at)
           values ($1, $2, $3, $4, $5, $6, $7, $8, case when $5 in ('completed', 'failed', 'cancelled') then now() end)`,
          [
            t.id,
            uuidv7(),
            i % 2 ? 'crm.lead-score' : 'analytics.daily-report',
            `bench-${i}`,
            status,
            JSON.stringify({ contactId: uuidv7(), source: 'benchmark', n: i }),
            status === 'completed' ? JSON.stringify({ score: i % 100 }) : null,
            i % 3,
          ],
        );
      }
    }
    await client.query('commit');
    const [target, ...others] = tenants;
    return {
      tenantId: target!.id,
      tenantSlug: target!.slug,
      otherTenantIds: others.map((t) => t.id),
      runsPerTenant,
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
