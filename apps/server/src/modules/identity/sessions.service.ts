import type { Role } from '../../platform/access.js';
import type { Database } from '../../platform/db/pools.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { randomToken, sha256, type TokenService } from './tokens.js';

export type SessionInfo = {
  id: string;
  userId: string;
  tenantId: string | null;
  kind: string;
  ip: string | null;
  userAgent: string | null;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
};

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  sessionId: string;
  tenantId: string | null;
  role: Role | null;
}

const revokedKey = (sid: string) => `rs:${sid}`;

export async function roleIn(db: Database, userId: string, tenantId: string): Promise<Role | null> {
  const { rows } = await db.admin.query(
    `select role from identity.memberships where user_id = $1 and tenant_id = $2`,
    [userId, tenantId],
  );
  return (rows[0]?.role as Role | undefined) ?? null;
}

export async function defaultTenant(db: Database, userId: string): Promise<string | null> {
  const { rows } = await db.admin.query(
    `select m.tenant_id from identity.memberships m join identity.tenants t on t.id = m.tenant_id
     where m.user_id = $1 and t.status = 'active'
     order by (m.role = 'owner') desc, (m.source = 'direct') desc, m.created_at limit 1`,
    [userId],
  );
  return rows[0]?.tenant_id ?? null;
}

/**
 * Access to a tenant: a membership (direct, or given to agency staff on a client), or platform
 * operator. Suspended tenants are closed to everyone but operators.
 */
export async function accessTo(
  db: Database,
  user: { id: string; isOperator: boolean },
  tenantId: string,
): Promise<Role | null> {
  const { rows } = await db.admin.query(
    `select t.status, m.role from identity.tenants t
     left join identity.memberships m on m.tenant_id = t.id and m.user_id = $1 where t.id = $2`,
    [user.id, tenantId],
  );
  const r = rows[0];
  if (!r) return null;
  if (user.isOperator) return (r.role as Role | null) ?? 'admin';
  if (r.status !== 'active') return null;
  return (r.role as Role | null) ?? null;
}

async function accessToken(
  tokens: TokenService,
  user: { id: string; email: string; isOperator: boolean },
  sid: string,
  tid: string | null,
  role: Role | null,
) {
  return tokens.sign({ sub: user.id, email: user.email, sid, tid, role, op: user.isOperator });
}

export async function createSession(
  hub: Hub,
  tokens: TokenService,
  user: { id: string; email: string; isOperator: boolean },
  opts: {
    tenantId: string | null;
    role: Role | null;
    kind: 'password' | 'oidc' | 'invitation';
    ip?: string;
    userAgent?: string;
  },
): Promise<IssuedTokens> {
  const id = uuidv7();
  const refreshToken = randomToken();
  const client = await hub.db.admin.connect();
  try {
    await client.query('begin');
    await client.query(
      `insert into identity.sessions (id, user_id, active_tenant_id, kind, ip, user_agent, expires_at)
       values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))`,
      [
        id,
        user.id,
        opts.tenantId,
        opts.kind,
        opts.ip ?? null,
        opts.userAgent?.slice(0, 500) ?? null,
        hub.config.REFRESH_TOKEN_TTL_DAYS,
      ],
    );
    await client.query(`insert into identity.refresh_tokens (token_hash, session_id) values ($1, $2)`, [
      sha256(refreshToken),
      id,
    ]);
    await client.query('commit');
  } catch (err) {
    await client.query('rollback');
    throw err;
  } finally {
    client.release();
  }
  const { token, expiresIn } = await accessToken(tokens, user, id, opts.tenantId, opts.role);
  return {
    accessToken: token,
    refreshToken,
    expiresIn,
    sessionId: id,
    tenantId: opts.tenantId,
    role: opts.role,
  };
}

const invalidGrant = (why: string) =>
  new AppError('AUTH.INVALID_GRANT', 400, why, { oauthError: 'invalid_grant' });

/**
 * Refresh-token rotation: each token works once. Presenting a used token means it was copied:
 * the whole family (the session) is revoked, so neither the thief nor the owner can go on.
 */
export async function rotateRefreshToken(
  hub: Hub,
  tokens: TokenService,
  refreshToken: string,
  switchTo?: string,
): Promise<IssuedTokens & { userId: string; reused?: boolean }> {
  const client = await hub.db.admin.connect();
  let result: (IssuedTokens & { userId: string }) | undefined;
  try {
    await client.query('begin');
    const { rows } = await client.query(
      `select r.used_at, s.id as sid, s.user_id, s.active_tenant_id as tenant_id, s.revoked_at, s.expires_at < now() as expired,
         u.email, u.is_operator, u.status
       from identity.refresh_tokens r join identity.sessions s on s.id = r.session_id
       join identity.users u on u.id = s.user_id where r.token_hash = $1 for update of r, s`,
      [sha256(refreshToken)],
    );
    const row = rows[0];
    if (!row) throw invalidGrant('The refresh token is not valid');
    if (row.used_at) {
      await client.query(
        `update identity.sessions set revoked_at = now(), revoked_reason = 'refresh_token_reuse' where id = $1 and revoked_at is null`,
        [row.sid],
      );
      await client.query('commit');
      await hub.cache.set(revokedKey(row.sid), '1', hub.config.ACCESS_TOKEN_TTL_SECONDS);
      const err = invalidGrant('The refresh token was already used; the session has been revoked');
      err.extra.reusedSession = row.sid;
      err.extra.reusedBy = row.user_id;
      err.extra.reusedTenant = row.tenant_id;
      throw err;
    }
    if (row.revoked_at || row.expired || row.status !== 'active')
      throw invalidGrant('The session has ended; sign in again');
    const user = {
      id: row.user_id as string,
      email: row.email as string,
      isOperator: row.is_operator as boolean,
    };
    const tenantId: string | null = switchTo ?? row.tenant_id;
    const role = tenantId ? await accessTo(hub.db, user, tenantId) : null;
    if (tenantId && !role) throw invalidGrant('You no longer have access to this tenant');
    const next = randomToken();
    await client.query(`update identity.refresh_tokens set used_at = now() where token_hash = $1`, [
      sha256(refreshToken),
    ]);
    await client.query(`insert into identity.refresh_tokens (token_hash, session_id) values ($1, $2)`, [
      sha256(next),
      row.sid,
    ]);
    await client.query(
      `update identity.sessions set last_used_at = now(), active_tenant_id = $2 where id = $1`,
      [row.sid, tenantId],
    );
    await client.query('commit');
    const { token, expiresIn } = await accessToken(tokens, user, row.sid, tenantId, role);
    result = {
      accessToken: token,
      refreshToken: next,
      expiresIn,
      sessionId: row.sid,
      tenantId,
      role,
      userId: user.id,
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
  return result;
}

export async function revokeSessions(
  hub: Hub,
  where: { sessionId?: string; userId?: string; exceptSessionId?: string },
  reason: string,
): Promise<number> {
  const { rows } = await hub.db.admin.query(
    `update identity.sessions set revoked_at = now(), revoked_reason = $4
     where revoked_at is null and ($1::uuid is null or id = $1) and ($2::uuid is null or user_id = $2)
       and ($3::uuid is null or id <> $3) returning id`,
    [where.sessionId ?? null, where.userId ?? null, where.exceptSessionId ?? null, reason],
  );
  await Promise.all(
    rows.map((r) => hub.cache.set(revokedKey(r.id), '1', hub.config.ACCESS_TOKEN_TTL_SECONDS)),
  );
  return rows.length;
}

export async function isSessionRevoked(hub: Hub, sid: string): Promise<boolean> {
  return (await hub.cache.get(revokedKey(sid))) !== null;
}

export async function listSessions(hub: Hub, userId: string): Promise<SessionInfo[]> {
  const { rows } = await hub.db.admin.query(
    `select id, user_id as "userId", active_tenant_id as "tenantId", kind, host(ip) as ip, user_agent as "userAgent",
       created_at as "createdAt", last_used_at as "lastUsedAt", expires_at as "expiresAt"
     from identity.sessions where user_id = $1 and revoked_at is null and expires_at > now()
     order by last_used_at desc`,
    [userId],
  );
  return rows;
}
