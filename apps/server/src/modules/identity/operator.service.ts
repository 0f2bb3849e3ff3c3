import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { notifyTenantStatus } from '../../platform/tenant-status.js';
import { auditIn } from './audit.service.js';
import { revokeSessions } from './sessions.service.js';

/** Platform operators: every tenant and user, across tenants (system pool, audited). */
export interface TenantRow {
  id: string;
  parentId: string | null;
  parentName: string | null;
  slug: string;
  name: string;
  kind: 'platform' | 'agency' | 'business';
  status: 'active' | 'suspended';
  members: number;
  createdAt: string;
}

export async function searchTenants(
  hub: Hub,
  f: { q?: string; status?: 'active' | 'suspended'; kind?: string; limit: number; offset: number },
): Promise<{ items: TenantRow[]; total: number }> {
  const where = `where ($1::text is null or t.name ilike '%' || $1 || '%' or t.slug ilike '%' || $1 || '%')
      and ($2::text is null or t.status = $2) and ($3::text is null or t.kind = $3)`;
  const params = [f.q ?? null, f.status ?? null, f.kind ?? null];
  const [{ rows }, count] = await Promise.all([
    hub.db.admin.query(
      `select t.id, t.parent_id as "parentId", p.name as "parentName", t.slug, t.name, t.kind, t.status,
         (select count(*)::int from identity.memberships m where m.tenant_id = t.id) as members, t.created_at as "createdAt"
       from identity.tenants t left join identity.tenants p on p.id = t.parent_id ${where}
       order by t.created_at desc, t.id desc limit $4 offset $5`,
      [...params, f.limit, f.offset],
    ),
    hub.db.admin.query(`select count(*)::int as n from identity.tenants t ${where}`, params),
  ]);
  return { items: rows, total: count.rows[0].n };
}

export const suspendedKey = (tenantId: string) => `ts:${tenantId}`;

/** Suspension closes the tenant to everyone but operators, at once: sessions in it end. */
export async function setTenantStatus(
  hub: Hub,
  ctx: Ctx,
  tenantId: string,
  status: 'active' | 'suspended',
  reason?: string,
) {
  const { rows } = await hub.db.admin.query(
    `update identity.tenants set status = $2, updated_at = now() where id = $1 returning id, status`,
    [tenantId, status],
  );
  if (!rows[0]) throw new AppError('IDENTITY.TENANT_NOT_FOUND', 404, `Tenant ${tenantId} was not found`);
  // Public sites and media files of the tenant go dark (or come back) in every hub process; sent
  // before the session work below, so a failure there cannot leave those caches stale.
  await notifyTenantStatus(hub.db.admin, tenantId);
  if (status === 'suspended') {
    await hub.cache.set(suspendedKey(tenantId), '1', hub.config.ACCESS_TOKEN_TTL_SECONDS);
    const { rows: sessions } = await hub.db.admin.query(
      `select s.id from identity.sessions s join identity.users u on u.id = s.user_id
       where s.active_tenant_id = $1 and s.revoked_at is null and not u.is_operator`,
      [tenantId],
    );
    for (const s of sessions) await revokeSessions(hub, { sessionId: s.id }, 'tenant_suspended');
  } else {
    await hub.cache.del(suspendedKey(tenantId));
  }
  await auditIn(ctx, tenantId, status === 'suspended' ? 'tenant.suspended' : 'tenant.reactivated', {
    targetType: 'tenant',
    targetId: tenantId,
    data: reason ? { reason } : {},
  });
}

export interface UserRow {
  id: string;
  email: string;
  name: string;
  emailVerified: boolean;
  isOperator: boolean;
  status: 'active' | 'disabled';
  tenants: number;
  lastSignInAt: string | null;
  createdAt: string;
}

export async function searchUsers(
  hub: Hub,
  f: { q?: string; limit: number; offset: number },
): Promise<{ items: UserRow[]; total: number }> {
  const where = `where ($1::text is null or u.email ilike '%' || $1 || '%' or u.name ilike '%' || $1 || '%')`;
  const [{ rows }, count] = await Promise.all([
    hub.db.admin.query(
      `select u.id, u.email::text as email, u.name, u.email_verified_at is not null as "emailVerified", u.is_operator as "isOperator",
         u.status, (select count(*)::int from identity.memberships m where m.user_id = u.id) as tenants,
         (select max(s.created_at) from identity.sessions s where s.user_id = u.id) as "lastSignInAt", u.created_at as "createdAt"
       from identity.users u ${where} order by u.created_at desc, u.id desc limit $2 offset $3`,
      [f.q ?? null, f.limit, f.offset],
    ),
    hub.db.admin.query(`select count(*)::int as n from identity.users u ${where}`, [f.q ?? null]),
  ]);
  return { items: rows, total: count.rows[0].n };
}
