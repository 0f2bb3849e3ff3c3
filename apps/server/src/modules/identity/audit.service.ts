import { sql } from 'drizzle-orm';
import type { Ctx, TenantCtx } from '../../platform/context.js';
import { exec, withTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { UUID_RE, uuidv7 } from '../../platform/ids.js';

export type AuditEntry = {
  id: string;
  at: string;
  action: string;
  actorKind: string;
  actorId: string | null;
  actorEmail: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  data: Record<string, unknown>;
};

function actorOf(ctx: Ctx): { kind: string; id: string | null; email: string | null } {
  const a = ctx.actor;
  if (a.kind === 'user') return { kind: 'user', id: a.userId, email: a.email };
  if (a.kind === 'apiKey') return { kind: 'api_key', id: a.keyId, email: null };
  if (a.kind === 'system') return { kind: 'system', id: a.name, email: null };
  return { kind: 'anonymous', id: null, email: null };
}

/** Appends to the tenant's audit log inside the caller's transaction (it commits with the change). */
export async function audit(
  ctx: TenantCtx,
  action: string,
  opts: {
    targetType?: string;
    targetId?: string;
    data?: Record<string, unknown>;
    actor?: { kind: string; id: string | null; email: string | null };
  } = {},
) {
  const actor = opts.actor ?? actorOf(ctx);
  await exec(
    ctx.tx,
    sql`insert into identity.audit_log
    (tenant_id, id, action, actor_kind, actor_id, actor_email, target_type, target_id, ip, user_agent, data)
    values (${ctx.tenantId}, ${uuidv7()}, ${action}, ${actor.kind}, ${actor.id}, ${actor.email}, ${opts.targetType ?? null},
      ${opts.targetId ?? null}, ${ctx.ip ?? null}::inet, ${ctx.userAgent?.slice(0, 500) ?? null}, ${JSON.stringify(opts.data ?? {})}::jsonb)`,
  );
}

/** Audits one event in a tenant's own transaction (for events that happen outside one). */
export function auditIn(ctx: Ctx, tenantId: string, action: string, opts: Parameters<typeof audit>[2] = {}) {
  return withTenant({ ...ctx, tenantId, tx: undefined }, (t) => audit(t, action, opts));
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetId?: string;
  from?: string;
  to?: string;
  before?: string;
  limit: number;
}

/** Newest first, keyset-paginated by (at, id). */
export async function listAudit(
  ctx: TenantCtx,
  f: AuditFilter,
): Promise<{ items: AuditEntry[]; nextCursor: string | null }> {
  // The cursor names the last entry seen; its exact `at` is read back from the table, because the
  // ISO string in the answer has milliseconds while the column has microseconds (and entries of
  // one transaction share it), so comparing with the string would skip entries.
  let cursorId: string | null = null;
  if (f.before) {
    const id = Buffer.from(f.before, 'base64url').toString('utf8').split('|').at(-1) ?? '';
    if (!UUID_RE.test(id))
      throw new AppError('IDENTITY.CURSOR_INVALID', 400, 'cursor: is not a cursor from this list');
    cursorId = id;
  }
  const { rows } = await exec<AuditEntry>(
    ctx.tx,
    sql`
    select id, at, action, actor_kind as "actorKind", actor_id as "actorId", actor_email as "actorEmail",
      target_type as "targetType", target_id as "targetId", host(ip) as ip, user_agent as "userAgent", data
    from identity.audit_log
    where (${f.action ?? null}::text is null or action = ${f.action ?? null} or starts_with(action, ${f.action ? `${f.action}.` : null}))
      and (${f.actorId ?? null}::text is null or actor_id = ${f.actorId ?? null})
      and (${f.targetId ?? null}::text is null or target_id = ${f.targetId ?? null})
      and (${f.from ?? null}::timestamptz is null or at >= ${f.from ?? null}::timestamptz)
      and (${f.to ?? null}::timestamptz is null or at < ${f.to ?? null}::timestamptz)
      and (${cursorId}::uuid is null or (at, id) < (select c.at, c.id from identity.audit_log c where c.id = ${cursorId}::uuid))
    order by at desc, id desc limit ${f.limit + 1}`,
  );
  const items = rows.slice(0, f.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      rows.length > f.limit && last ? Buffer.from(`${last.at}|${last.id}`).toString('base64url') : null,
  };
}
