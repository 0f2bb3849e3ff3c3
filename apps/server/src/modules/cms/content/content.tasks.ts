import { withTenant } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { Hub } from '../../../platform/hub.js';
import { DomainChecker } from './domain-check.js';
import { pendingDomains, verifyDomain } from './domains.service.js';
import { runScheduled, SCHEDULE_TASK, type ScheduledAction } from './publish.service.js';

/** Re-checks pending custom domains, so a user who adds the TXT record need not press Verify. */
export const DOMAIN_RECHECK_TASK = 'cms.domains.recheck';
/** Every 10 minutes; at most this many domains per run, a few look-ups at a time. */
const RECHECK_SCHEDULE = '*/10 * * * *';
const RECHECK_BATCH = 300;
const RECHECK_PARALLEL = 4;

/**
 * Scheduled publish and unpublish (one keyed job per page and action, see schedulePage), and the
 * periodic re-check of pending custom domains.
 */
export function registerContentTasks(hub: Hub) {
  hub.tasks.define<{ pageId: string; action: ScheduledAction }>(SCHEDULE_TASK, (base, { pageId, action }) =>
    withTenant(base, async (ctx) => {
      const outcome = await runScheduled(ctx, pageId, action);
      ctx.log.info({ module: 'cms', pageId, action, outcome }, 'scheduled page action');
    }),
  );

  const checker = DomainChecker.fromConfig(hub.config);
  hub.tasks.define(DOMAIN_RECHECK_TASK, async (base) => {
    const queue = await pendingDomains(base, RECHECK_BATCH);
    let verified = 0;
    const work = async () => {
      for (let d = queue.shift(); d; d = queue.shift()) {
        const ctx = hub.systemCtx(d.tenantId, DOMAIN_RECHECK_TASK);
        try {
          if ((await verifyDomain(ctx, checker, d.siteId, d.id)).status === 'verified') verified++;
        } catch (err) {
          // Not found yet, taken or deleted meanwhile: recorded on the domain, not a job failure.
          if (!(err instanceof AppError)) base.log.warn({ err, domainId: d.id }, 'domain re-check failed');
        }
      }
    };
    const total = queue.length;
    await Promise.all(Array.from({ length: RECHECK_PARALLEL }, work));
    if (total) base.log.info({ module: 'cms', checked: total, verified }, 'pending domains re-checked');
  });
  hub.tasks.cron({ task: DOMAIN_RECHECK_TASK, schedule: RECHECK_SCHEDULE });
}
