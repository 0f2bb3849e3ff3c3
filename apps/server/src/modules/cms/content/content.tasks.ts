import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { runScheduled, SCHEDULE_TASK, type ScheduledAction } from './publish.service.js';

/** Scheduled publish and unpublish: one keyed job per page and action (see schedulePage). */
export function registerContentTasks(hub: Hub) {
  hub.tasks.define<{ pageId: string; action: ScheduledAction }>(SCHEDULE_TASK, (base, { pageId, action }) =>
    withTenant(base, async (ctx) => {
      const outcome = await runScheduled(ctx, pageId, action);
      ctx.log.info({ module: 'cms', pageId, action, outcome }, 'scheduled page action');
    }),
  );
}
