import { withTenant } from '../../platform/db/tenant.js';
import type { Hub } from '../../platform/hub.js';
import { addRedirectHits } from '../cms/index.js';

/**
 * Redirect hits, counted in memory and written every few seconds in one statement per site
 * (and when the hub stops): serving an old URL stays a read. A crash loses at most the last
 * interval's counts, which are statistics, not data.
 */
export class RedirectHits {
  private pending = new Map<string, Map<string, number>>();
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly hub: Hub,
    intervalMs = 5000,
  ) {
    this.timer = setInterval(() => {
      this.flush().catch((err: Error) => hub.log.warn({ module: 'sites', err }, 'redirect hits not saved'));
    }, intervalMs);
    this.timer.unref();
  }

  add(tenantId: string, siteId: string, path: string) {
    const key = `${tenantId}|${siteId}`;
    const paths = this.pending.get(key) ?? new Map<string, number>();
    paths.set(path, (paths.get(path) ?? 0) + 1);
    this.pending.set(key, paths);
  }

  async flush() {
    const batch = this.pending;
    this.pending = new Map();
    for (const [key, paths] of batch) {
      const [tenantId, siteId] = key.split('|') as [string, string];
      await withTenant(this.hub.systemCtx(tenantId, 'sites-redirect-hits'), (ctx) =>
        addRedirectHits(ctx, siteId, paths),
      );
    }
  }

  async stop() {
    clearInterval(this.timer);
    await this.flush();
  }
}
