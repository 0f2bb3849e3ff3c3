import Fastify from 'fastify';
import pg from 'pg';

/**
 * The baseline for scenario (c): Fastify with no plugins, no schemas, no logging, and a plain
 * pg.Pool of the hub's size answering the same 20-row tenant read the hub's route would do.
 * Started by bench/run.ts as a child process (tsx, like the hub) with BARE_DATABASE_URL,
 * BARE_POOL_MAX and BARE_PORT.
 */
const databaseUrl = process.env.BARE_DATABASE_URL;
if (!databaseUrl) throw new Error('BARE_DATABASE_URL is required');
const pool = new pg.Pool({
  connectionString: databaseUrl,
  max: Number(process.env.BARE_POOL_MAX ?? 20),
  application_name: 'bizosaas-bench-bare',
});
pool.on('error', () => {});

export const BARE_RUNS_SQL = `select id, workflow, key, status, attempts, error, created_at, updated_at, finished_at
  from platform.workflow_runs where tenant_id = $1 order by id desc limit $2`;

const app = Fastify({ logger: false });
app.get<{ Params: { tenantId: string }; Querystring: { limit?: string } }>('/runs/:tenantId', async (req) => {
  const limit = Math.min(100, Number(req.query.limit ?? 20) || 20);
  const { rows } = await pool.query(BARE_RUNS_SQL, [req.params.tenantId, limit]);
  return { items: rows };
});
app.get('/health', async () => ({ status: 'ok' }));

const shutdown = () => {
  void app
    .close()
    .then(() => pool.end())
    .finally(() => process.exit(0));
};
process.once('SIGTERM', shutdown);
process.once('SIGINT', shutdown);

await app.listen({ port: Number(process.env.BARE_PORT ?? 0), host: '127.0.0.1' });
