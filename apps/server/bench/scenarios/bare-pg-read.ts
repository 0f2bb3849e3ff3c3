import { freePort, type Service } from '../lib/processes.js';
import type { Scenario } from './scenario.js';

let bare: Service | undefined;

/**
 * (c) The baseline: bare Fastify + a plain pg.Pool of the hub's size (bench/bare-server.ts, run
 * through tsx like the hub), reading the target tenant's 20 newest workflow runs with an explicit
 * `where tenant_id = $1` on the owner connection: no auth, no transaction, no RLS, no schemas.
 */
export const bareReadRuns: Scenario = {
  id: 'c',
  name: 'bare Fastify+pg, 20 rows',
  hitsHub: false,
  async setup(ctx) {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      BARE_DATABASE_URL: ctx.ownerUrl,
      BARE_POOL_MAX: String(ctx.poolMax),
      BARE_PORT: String(port),
    };
    bare = await ctx.startService('bare server', 'apps/server/bench/bare-server.ts', env, `${base}/health`);
    return { url: `${base}/runs/${ctx.data.tenantId}?limit=20` };
  },
  async teardown() {
    await bare?.stop();
  },
};
