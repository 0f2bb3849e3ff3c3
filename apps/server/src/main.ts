import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { DEMO_ACCOUNTS } from './modules/identity/index.js';
import { ensureConsoleBuilt } from './platform/console-build.js';
import { createLogger } from './platform/logging.js';

/** Listen and shut down gracefully; everything else lives in buildApp(). */
async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  const log = createLogger(config);
  const started = Date.now();
  if (config.CONSOLE_BUILD) {
    // A missing or stale console build is rebuilt before the hub serves it (skip: CONSOLE_BUILD=false).
    await ensureConsoleBuilt(log).catch((err) =>
      log.error({ err, module: 'console' }, 'web console build failed; serving the API only'),
    );
  }
  const app = await buildApp(config, { logger: log });
  await app.listen({ port: config.PORT, host: config.HOST });
  const ms = Date.now() - started;
  log.info({ url: config.PUBLIC_URL, ms, database: app.hub.dbMode }, 'BizOSaaS hub listening');
  const demo = config.SEED_DEMO
    ? `  Sign in with any demo account, password "${config.DEMO_PASSWORD}":\n${DEMO_ACCOUNTS.map((a) => `    ${a.email.padEnd(26)} ${a.what}`).join('\n')}\n` +
      `  e.g. curl -s ${config.PUBLIC_URL}/api/brain/auth/token -d grant_type=password -d username=${DEMO_ACCOUNTS[1].email} -d password=${config.DEMO_PASSWORD}\n`
    : '';
  process.stderr.write(
    `\n  BizOSaaS is running at ${config.PUBLIC_URL}  (ready in ${ms} ms, ${app.hub.dbMode} PostgreSQL)\n` +
      `  API docs: ${config.PUBLIC_URL}/docs   readiness: ${config.PUBLIC_URL}/ready\n${demo}\n`,
  );

  let shuttingDown = false;
  const shutdown = async (signal: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log.info({ signal }, 'shutting down: no new connections, finishing in-flight requests and jobs');
    const force = setTimeout(() => {
      log.error('shutdown took too long; exiting');
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // Keep-alive connections that finish their last response after close() began would hold the
    // server open until their keep-alive timeout: close each one as soon as it goes idle.
    const idle = setInterval(() => app.server.closeIdleConnections(), 50);
    idle.unref();
    try {
      await app.close();
      log.info('shutdown complete');
      process.exit(0);
    } catch (err) {
      log.error({ err }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((err) => {
  process.stderr.write(`BizOSaaS failed to start: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
