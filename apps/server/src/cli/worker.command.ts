import type { Command } from './command.js';
import { EXIT } from './errors.js';
import { withHub } from './runtime.js';

/**
 * A process that only runs jobs and workflows (no HTTP): every module registers its tasks, then the
 * runner works until SIGTERM/SIGINT, finishes the jobs in hand and exits 0. If the runner dies it
 * exits 1, so a supervisor (Docker, Kubernetes) restarts it.
 */
export const workerCommand: Command = {
  name: 'worker',
  args: '',
  summary: 'run background jobs and workflows only (scale out with several of them)',
  details: [
    'Stops gracefully on SIGTERM or Ctrl-C: takes no new jobs, lets running ones finish (SHUTDOWN_TIMEOUT_MS).',
  ],
  positionals: { min: 0, max: 0 },
  async run(ctx) {
    const { config, log } = ctx;
    const { modules } = await import('../app.js');
    return withHub(ctx, async (hub) => {
      for (const m of modules) m.register?.(hub);
      await hub.startWorker();
      const tasks = [...hub.tasks.tasks.keys()];
      log.info({ concurrency: config.WORKER_CONCURRENCY, tasks, database: hub.dbMode }, 'worker started');
      ctx.note(
        `worker running: ${tasks.length} task(s), concurrency ${config.WORKER_CONCURRENCY}. Stop with Ctrl-C or SIGTERM.`,
      );

      const stopped = await new Promise<'signal' | 'runner'>((resolve) => {
        const onSignal = (signal: NodeJS.Signals) => {
          log.info({ signal }, 'worker stopping: finishing the jobs in hand');
          resolve('signal');
        };
        process.once('SIGTERM', onSignal);
        process.once('SIGINT', onSignal);
        const watch = setInterval(() => {
          if (hub.runner && !hub.runner.healthy()) resolve('runner');
        }, 2000);
        watch.unref();
      });
      const force = setTimeout(() => {
        log.error('worker shutdown took too long; exiting');
        process.exit(EXIT.FAILURE);
      }, config.SHUTDOWN_TIMEOUT_MS);
      force.unref();
      // withHub closes the hub (runner first, then pools and the embedded server) on return.
      if (stopped === 'runner') {
        log.error('job runner stopped unexpectedly; exiting so a supervisor can restart the worker');
        return EXIT.FAILURE;
      }
      return EXIT.OK;
    });
  },
};
