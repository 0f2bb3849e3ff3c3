import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Hub } from './hub.js';
import { jobQueueDepth } from './jobs/jobs.js';
import { gauge } from './metrics.js';
import type { ModuleDef } from './module.js';

const check = z.object({
  status: z.enum(['up', 'down', 'disabled']),
  latencyMs: z.number().optional(),
  detail: z.string().optional(),
});

async function timed(fn: () => Promise<unknown>, timeoutMs = 2000): Promise<z.infer<typeof check>> {
  const t = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { status: 'up', latencyMs: Math.round((performance.now() - t) * 10) / 10 };
  } catch (err) {
    return { status: 'down', detail: (err as Error).message };
  } finally {
    clearTimeout(timer);
  }
}

/** Liveness, readiness, module status and Prometheus metrics. */
export function healthRoutes(hub: Hub, modules: ModuleDef[]): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/health',
      {
        config: { public: true },
        schema: {
          tags: ['platform'],
          summary: 'Liveness: the process answers (no I/O)',
          response: { 200: z.object({ status: z.literal('ok') }) },
        },
      },
      async () => ({ status: 'ok' as const }),
    );

    app.get(
      '/ready',
      {
        config: { public: true },
        schema: {
          tags: ['platform'],
          summary: 'Readiness: database, Redis (when configured) and the job worker',
          response: {
            200: z.object({ status: z.enum(['ok', 'fail']), checks: z.record(z.string(), check) }),
            503: z.object({ status: z.enum(['ok', 'fail']), checks: z.record(z.string(), check) }),
          },
        },
      },
      async (_req, reply) => {
        const [database, redis] = await Promise.all([
          timed(() => hub.db.app.query('select 1')),
          hub.cache.kind === 'redis'
            ? timed(() => hub.cache.ping())
            : Promise.resolve({ status: 'disabled' as const }),
        ]);
        const worker: z.infer<typeof check> = !hub.config.RUN_WORKER
          ? { status: 'disabled', detail: 'jobs run in separate worker processes' }
          : hub.runner?.healthy()
            ? { status: 'up' }
            : { status: 'down', detail: 'job runner is not running' };
        const checks = { database, redis, worker };
        const ok = Object.values(checks).every((c) => c.status !== 'down');
        return reply.status(ok ? 200 : 503).send({ status: ok ? 'ok' : 'fail', checks });
      },
    );

    app.get(
      '/api/brain/status',
      {
        config: { public: true },
        schema: {
          tags: ['platform'],
          summary: 'Each module with its version and health',
          response: {
            200: z.object({
              version: z.string(),
              uptimeSeconds: z.number(),
              database: z.enum(['embedded', 'external']),
              cache: z.enum(['redis', 'memory']),
              modules: z.array(
                z.object({
                  name: z.string(),
                  version: z.string(),
                  description: z.string(),
                  status: z.enum(['up', 'down']),
                }),
              ),
            }),
          },
        },
      },
      async () => ({
        version: '0.1.0',
        uptimeSeconds: Math.round((Date.now() - hub.startedAt.getTime()) / 1000),
        database: hub.dbMode,
        cache: hub.cache.kind,
        modules: await Promise.all(
          modules.map(async (m) => ({
            name: m.name,
            version: m.version,
            description: m.description,
            status: (m.health ? await m.health(hub).catch(() => false) : true)
              ? ('up' as const)
              : ('down' as const),
          })),
        ),
      }),
    );

    const pools = { app: hub.db.app, admin: hub.db.admin };
    gauge(
      hub.metrics,
      'bizosaas_db_pool_connections',
      'PostgreSQL pool connections',
      ['pool', 'state'],
      (g) => {
        for (const [name, p] of Object.entries(pools)) {
          g.set({ pool: name, state: 'total' }, p.totalCount);
          g.set({ pool: name, state: 'idle' }, p.idleCount);
          g.set({ pool: name, state: 'waiting' }, p.waitingCount);
        }
      },
    );
    gauge(hub.metrics, 'bizosaas_job_queue_depth', 'Jobs waiting or failed', ['state'], async (g) => {
      const depth = await jobQueueDepth(hub.db).catch(() => undefined);
      if (depth) {
        g.set({ state: 'queued' }, depth.queued);
        g.set({ state: 'failed' }, depth.failed);
      }
    });

    app.get(
      '/api/metrics',
      {
        config: { public: true },
        schema: { tags: ['platform'], summary: 'Prometheus metrics (text exposition format)' },
      },
      async (_req, reply) => {
        reply.type(hub.metrics.registry.contentType);
        return hub.metrics.registry.metrics();
      },
    );
  };
}
