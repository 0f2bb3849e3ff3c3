import type { Role } from '../../platform/access.js';
import type { Ctx } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { enforceLimit, resetLimit } from '../../platform/rate-limit.js';
import { parseApiKey } from './api-keys.service.js';
import { auditIn } from './audit.service.js';
import { limits } from './limits.js';
import { verifyPassword } from './passwords.js';
import {
  accessTo,
  createSession,
  defaultTenant,
  type IssuedTokens,
  rotateRefreshToken,
} from './sessions.service.js';
import type { TokenService } from './tokens.js';
import { findUserByEmail, findUserById, type UserRow } from './users.service.js';

const wrongCredentials = () =>
  new AppError('AUTH.INVALID_CREDENTIALS', 401, 'The e-mail address or the password is wrong', {
    oauthError: 'invalid_grant',
  });

/**
 * Password sign-in. An unknown address and a wrong password get the same answer after the
 * same work (an argon2 verification either way); failures are audited in the user's tenants.
 */
export async function signIn(
  hub: Hub,
  tokens: TokenService,
  ctx: Ctx,
  input: { email: string; password: string; tenantId?: string },
): Promise<{ user: UserRow; issued: IssuedTokens }> {
  const email = input.email.trim().toLowerCase();
  await enforceLimit(hub, limits.signinIp, ctx.ip ?? 'unknown');
  await enforceLimit(hub, limits.signinAccount, email);
  const user = await findUserByEmail(hub.db, email);
  const ok = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !ok || user.status !== 'active') {
    // Audited after the answer: writing one entry per tenant first would make a wrong password
    // for a user in many tenants measurably slower than an unknown address.
    if (user) {
      auditFailedSignIn(ctx, user.id, email, ok ? 'disabled' : 'wrong_password').catch((err) =>
        ctx.log.warn({ err, userId: user.id }, 'could not audit a failed sign-in'),
      );
    }
    throw wrongCredentials();
  }
  // The right password: earlier failures no longer count against the account, so signing in on
  // several devices does not lock its owner out.
  await resetLimit(hub, limits.signinAccount, email);
  if (hub.config.REQUIRE_EMAIL_VERIFICATION && !user.emailVerifiedAt) {
    throw new AppError(
      'AUTH.EMAIL_NOT_VERIFIED',
      403,
      'Confirm your e-mail address first: follow the link we sent you',
      {
        oauthError: 'invalid_grant',
      },
    );
  }
  return { user, issued: await openSession(hub, tokens, ctx, user, input.tenantId, 'password') };
}

async function auditFailedSignIn(
  ctx: Ctx,
  userId: string,
  email: string,
  reason: 'disabled' | 'wrong_password',
) {
  const { rows } = await ctx.db.admin.query(`select tenant_id from identity.memberships where user_id = $1`, [
    userId,
  ]);
  for (const r of rows) {
    await auditIn(ctx, r.tenant_id, 'signin.failed', {
      targetType: 'user',
      targetId: userId,
      actor: { kind: 'anonymous', id: null, email },
      data: { reason },
    });
  }
}

export async function openSession(
  hub: Hub,
  tokens: TokenService,
  ctx: Ctx,
  user: UserRow,
  wanted: string | undefined,
  kind: 'password' | 'oidc' | 'invitation',
) {
  let tenantId: string | null = wanted ?? (await defaultTenant(hub.db, user.id));
  let role: Role | null = null;
  if (tenantId) {
    role = await accessTo(hub.db, user, tenantId);
    if (!role) {
      if (wanted)
        throw new AppError('AUTH.TENANT_NOT_FOUND', 404, 'tenantId: no such tenant among yours', {
          oauthError: 'invalid_grant',
        });
      tenantId = null;
    }
  }
  const issued = await createSession(hub, tokens, user, {
    tenantId,
    role,
    kind,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
  });
  if (tenantId) {
    await auditIn(ctx, tenantId, 'signin.succeeded', {
      targetType: 'session',
      targetId: issued.sessionId,
      actor: { kind: 'user', id: user.id, email: user.email },
      data: { method: kind },
    });
  }
  return issued;
}

/** Issues a token for one tenant only, on the same session; operators get in with an audit entry. */
export async function switchTenant(hub: Hub, tokens: TokenService, ctx: Ctx, tenantId: string) {
  if (ctx.actor.kind !== 'user')
    throw new AppError('AUTH.USER_REQUIRED', 403, 'Only a signed-in user can switch tenant');
  const actor = ctx.actor;
  const user = await findUserById(hub.db, actor.userId);
  if (!user) throw new AppError('AUTH.INVALID_TOKEN', 401, 'The user no longer exists');
  const role = await accessTo(hub.db, user, tenantId);
  // Same answer for "does not exist" and "not yours": nothing to learn about other tenants.
  if (!role) throw new AppError('AUTH.TENANT_NOT_FOUND', 404, `Tenant ${tenantId} was not found`);
  const { rows } = await hub.db.admin.query(
    `update identity.sessions set active_tenant_id = $2, last_used_at = now() where id = $1 and revoked_at is null returning id`,
    [actor.sessionId, tenantId],
  );
  if (!rows[0]) throw new AppError('AUTH.INVALID_TOKEN', 401, 'The session has ended');
  const member = await hub.db.admin.query(
    `select 1 from identity.memberships where user_id = $1 and tenant_id = $2`,
    [user.id, tenantId],
  );
  await auditIn(ctx, tenantId, member.rows.length ? 'tenant.switched' : 'operator.opened_tenant', {
    targetType: 'tenant',
    targetId: tenantId,
    actor: { kind: 'user', id: user.id, email: user.email },
    data: { from: ctx.tenantId },
  });
  const { token, expiresIn } = await tokens.sign({
    sub: user.id,
    email: user.email,
    sid: actor.sessionId,
    tid: tenantId,
    role,
    op: user.isOperator,
  });
  return { accessToken: token, expiresIn, tenantId, role };
}

export async function refresh(hub: Hub, tokens: TokenService, ctx: Ctx, refreshToken: string) {
  try {
    return await rotateRefreshToken(hub, tokens, refreshToken);
  } catch (err) {
    if (err instanceof AppError && typeof err.extra.reusedSession === 'string') {
      const tenant = err.extra.reusedTenant as string | null;
      if (tenant) {
        await auditIn(ctx, tenant, 'session.refresh_token_reused', {
          targetType: 'session',
          targetId: err.extra.reusedSession,
          actor: { kind: 'anonymous', id: null, email: null },
          data: { userId: err.extra.reusedBy },
        });
      }
      delete err.extra.reusedSession;
      delete err.extra.reusedBy;
      delete err.extra.reusedTenant;
    }
    throw err;
  }
}

/** OAuth2 client credentials: the client is an API key (client_id = key id, client_secret = key). */
export async function clientCredentials(
  hub: Hub,
  tokens: TokenService,
  clientId: string,
  clientSecret: string,
) {
  const parsed = parseApiKey(clientSecret);
  const invalidClient = () =>
    new AppError('AUTH.INVALID_CLIENT', 401, 'Client authentication failed', {
      oauthError: 'invalid_client',
    });
  if (!parsed || parsed.keyId !== clientId) throw invalidClient();
  const principal = await hub.authenticate!({
    headers: { authorization: `Bearer ${clientSecret}` },
    query: {},
    method: 'POST',
  } as never).catch(() => {
    throw invalidClient();
  });
  if (principal?.actor.kind !== 'apiKey') throw invalidClient();
  const { token, expiresIn } = await tokens.sign({
    sub: principal.actor.keyId,
    email: '',
    sid: principal.actor.keyId,
    tid: principal.tenantId,
    role: null,
    op: false,
    scope: principal.actor.scopes.join(' '),
    cli: true,
  });
  return { accessToken: token, expiresIn, scope: principal.actor.scopes.join(' ') };
}
