import type { JobState } from '../platform/jobs/jobs.js';
import type { Command } from './command.js';
import { CliError, UsageError } from './errors.js';
import { formatTable, withDatabase } from './runtime.js';

const STATES: JobState[] = ['queued', 'scheduled', 'running', 'failed'];

export const jobsList: Command = {
  name: 'jobs list',
  args: '[--state queued|scheduled|running|failed] [--limit <n>] [--json]',
  summary: 'list background jobs (failed jobs stay until retried)',
  options: { state: { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, _args, flags) {
    const state = flags.state as JobState | undefined;
    if (state && !STATES.includes(state))
      throw new UsageError(`--state must be one of ${STATES.join(', ')}`, this.name);
    const limit = flags.limit === undefined ? 100 : Number(flags.limit);
    if (!Number.isInteger(limit) || limit < 1)
      throw new UsageError('--limit must be a positive integer', this.name);
    const { listJobs } = await import('../platform/jobs/jobs.js');
    const jobs = await withDatabase(ctx, (db) => listJobs(db, { state, limit }));
    if (flags.json) {
      ctx.out(JSON.stringify(jobs));
      return;
    }
    if (!jobs.length) {
      ctx.note(state ? `no ${state} jobs` : 'no jobs');
      return;
    }
    const rows = jobs.map((j) => [
      j.id,
      j.state,
      j.task,
      `${j.attempts}/${j.maxAttempts}`,
      j.tenantId,
      new Date(j.runAt).toISOString(),
      j.lastError?.split('\n')[0]?.slice(0, 80),
    ]);
    for (const line of formatTable(
      ['ID', 'STATE', 'TASK', 'ATTEMPTS', 'TENANT', 'RUN AT', 'LAST ERROR'],
      rows,
    ))
      ctx.out(line);
    ctx.note(`${jobs.length} job${jobs.length === 1 ? '' : 's'}`);
  },
};

export const jobsRetry: Command = {
  name: 'jobs retry',
  args: '<id>',
  summary: 'run a (failed) job again now, with its attempts reset',
  positionals: { min: 1, max: 1 },
  async run(ctx, [id]) {
    if (!/^\d+$/.test(id!)) throw new UsageError(`job id must be a number, got "${id}"`, this.name);
    const { makeWorkerUtils } = await import('graphile-worker');
    await withDatabase(ctx, async (db) => {
      const utils = await makeWorkerUtils({ connectionString: db.ownerUrl });
      try {
        const [job] = await utils.rescheduleJobs([id!], { runAt: new Date(), attempts: 0 });
        if (!job) throw new CliError(`job ${id} was not found, or a worker is running it`);
      } finally {
        await utils.release();
      }
    });
    ctx.out(`job ${id} will run again now`);
  },
};
