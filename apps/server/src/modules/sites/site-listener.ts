import pg from 'pg';
import type { Hub } from '../../platform/hub.js';
import { UUID_RE } from '../../platform/ids.js';
import { TENANT_STATUS_CHANNEL } from '../../platform/tenant-status.js';
import { forgetMediaTenant, forgetMediaTenants, SITE_CHANGED_CHANNEL } from '../cms/index.js';
import type { SiteCache } from './site-cache.js';

/**
 * LISTENs, on a dedicated connection as the app role, on cms_site_changed (payload
 * `<tenantId>:<siteId|*>`, sent by the content API in the changing transaction, so on commit, to
 * every hub process) and on tenant_status_changed (a tenant suspended or reactivated: its sites and
 * media files go dark or come back at once). When the connection drops it reconnects with backoff,
 * LISTENs again and clears the caches, since notifications sent in between are lost.
 */
export function startSiteListener(hub: Hub, cache: SiteCache) {
  let client: pg.Client | undefined;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let delay = 250;
  const log = hub.log.child({ module: 'sites' });

  const onNotification = (msg: pg.Notification) => {
    if (msg.channel === TENANT_STATUS_CHANNEL && msg.payload && UUID_RE.test(msg.payload)) {
      cache.invalidate(msg.payload, '*');
      forgetMediaTenant(msg.payload);
      return;
    }
    if (msg.channel !== SITE_CHANGED_CHANNEL || !msg.payload) return;
    const [tenantId, siteId] = msg.payload.split(':');
    if (!tenantId || !UUID_RE.test(tenantId) || !siteId || !(siteId === '*' || UUID_RE.test(siteId))) return;
    cache.invalidate(tenantId, siteId);
  };

  const connect = async (): Promise<void> => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: hub.db.appUrl, application_name: 'bizosaas-sites-listen' });
    const retry = (err: unknown) => {
      if (stopped || client !== c) return;
      client = undefined;
      log.warn({ err }, 'site change listener lost its connection; reconnecting');
      c.end().catch(() => {});
      cache.invalidateAll();
      forgetMediaTenants();
      timer = setTimeout(() => void connect(), delay);
      timer.unref();
      delay = Math.min(delay * 2, 10_000);
    };
    client = c;
    c.on('error', retry);
    c.on('end', () => retry(new Error('connection ended')));
    c.on('notification', onNotification);
    try {
      await c.connect();
      await c.query(`listen ${SITE_CHANGED_CHANNEL}; listen ${TENANT_STATUS_CHANNEL}`);
      if (stopped) return void (await c.end().catch(() => {}));
      // Anything cached before this moment may have missed a notification.
      cache.invalidateAll();
      forgetMediaTenants();
      delay = 250;
    } catch (err) {
      retry(err);
    }
  };

  return {
    ready: connect(),
    /** For tests: the current connection (to kill it). */
    get client() {
      return client;
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    },
  };
}

export type SiteListener = ReturnType<typeof startSiteListener>;
