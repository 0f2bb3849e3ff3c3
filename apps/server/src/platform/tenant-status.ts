import type pg from 'pg';

/**
 * PostgreSQL NOTIFY channel on which a tenant's suspension or reactivation is announced (payload:
 * the tenant id). Public serving (sites, media) keeps per-process caches of who may be served and
 * LISTENs here to drop a tenant's entries at once, in every hub process.
 */
export const TENANT_STATUS_CHANNEL = 'tenant_status_changed';

/** Announces that a tenant's status changed (after the change has committed). */
export async function notifyTenantStatus(pool: pg.Pool, tenantId: string): Promise<void> {
  await pool.query('select pg_notify($1, $2)', [TENANT_STATUS_CHANNEL, tenantId]);
}
