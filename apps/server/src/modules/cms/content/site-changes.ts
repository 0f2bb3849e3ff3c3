import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';

/** The LISTEN/NOTIFY channel the public sites listen on; payload `<tenantId>:<siteId|*>`. */
export const SITE_CHANGED_CHANNEL = 'cms_site_changed';

/**
 * Tells every hub process that a site's public output changed (publish, unpublish, structure of
 * a live page, delete, site/theme/navigation/domain, redirects, media). It runs pg_notify in the
 * caller's transaction, so listeners hear it only when (and if) the change commits.
 */
export async function notifySiteChanged(ctx: TenantCtx, siteId: string | '*'): Promise<void> {
  await exec(ctx.tx, sql`select pg_notify(${SITE_CHANGED_CHANNEL}, ${`${ctx.tenantId}:${siteId}`})`);
}
