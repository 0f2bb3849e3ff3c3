import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Config } from './config.js';
import { cmsModule } from './modules/cms/index.js';
import { crmModule } from './modules/crm/index.js';
import { identityModule } from './modules/identity/index.js';
import { sitesModule } from './modules/sites/index.js';
import { consolePlugin } from './platform/console.js';
import { healthRoutes } from './platform/health.routes.js';
import { installHttp, requestId } from './platform/http.js';
import { createHub, type Hub } from './platform/hub.js';
import { createLogger } from './platform/logging.js';
import { registerMail } from './platform/mail.js';
import type { ModuleDef } from './platform/module.js';
import { platformRoutes } from './platform/platform.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    hub: Hub;
  }
}

/** The platform's own API: workflow runs of a tenant; jobs and mail for operators. */
const platformModule: ModuleDef = {
  name: 'platform',
  version: '0.1.0',
  description: 'Durable workflows, the job queue and the mail outbox',
  routes: platformRoutes,
};

/** Every module, in the order they are wired. */
export const modules: ModuleDef[] = [platformModule, identityModule, crmModule, cmsModule, sitesModule];

export interface BuildOptions {
  logger?: Logger;
  /** Defaults to config.RUN_WORKER. */
  runWorker?: boolean;
  /** Defaults to config.SEED_DEMO. */
  seed?: boolean;
  /** The web console's build directory; apps/web/dist by default. */
  consoleDir?: string;
}

/** Wires platform and modules explicitly, in order. The caller listens (main.ts) or injects (tests). */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<FastifyInstance> {
  const log = opts.logger ?? createLogger(config);
  const hub = await createHub(config, log);
  try {
    registerMail(hub);
    for (const m of modules) m.register?.(hub);

    const app = Fastify({
      loggerInstance: log as FastifyBaseLogger,
      genReqId: requestId,
      logController: new LogController({ requestIdLogLabel: 'requestId', disableRequestLogging: true }),
      bodyLimit: config.BODY_LIMIT,
      // A boolean or addresses; one type here keeps Fastify's overloads apart.
      trustProxy: config.TRUST_PROXY as boolean,
      return503OnClosing: true,
      forceCloseConnections: 'idle',
    }).withTypeProvider<ZodTypeProvider>();
    app.decorate('hub', hub);
    app.addHook('onClose', async () => hub.close());

    await installHttp(app, hub);
    app.addHook('onResponse', async (req, reply) => {
      const line = {
        method: req.method,
        url: req.url,
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime * 10) / 10,
      };
      if (reply.statusCode >= 500) req.log.error(line, 'request failed');
      else req.log.info(line, 'request completed');
    });
    await app.register(healthRoutes(hub, modules));
    for (const m of modules) {
      if (m.routes) await app.register(m.routes, { prefix: `/api/brain/${m.name}`, hub });
      for (const mount of m.mounts?.(hub) ?? [])
        await app.register(mount.routes, { prefix: mount.prefix, hub });
    }
    // After the API: the web console and its single-page fallback for browser navigations.
    await app.register(consolePlugin, { dir: opts.consoleDir });

    if (opts.seed ?? config.SEED_DEMO) for (const m of modules) await m.seed?.(hub);
    if (opts.runWorker ?? config.RUN_WORKER) await hub.startWorker();
    await app.ready();
    return app;
  } catch (err) {
    await hub.close().catch(() => {});
    throw err;
  }
}
