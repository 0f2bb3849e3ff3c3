import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { exec, withTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import type { Authenticator } from '../../platform/guard.js';
import type { Hub } from '../../platform/hub.js';
import { UUID_RE } from '../../platform/ids.js';
import { parseApiKey } from './api-keys.service.js';
import { suspendedKey } from './operator.service.js';
import { isSessionRevoked } from './sessions.service.js';
import { sha256, type TokenService } from './tokens.js';

export const COOKIE_ACCESS = 'bos_at';
export const COOKIE_REFRESH = 'bos_rt';
export const COOKIE_CSRF = 'bos_csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

const invalid = (why: string) =>
  new AppError('AUTH.INVALID_TOKEN', 401, why, {
    wwwAuthenticate: `Bearer realm="bizosaas", error="invalid_token", error_description="${why}"`,
  });

/** Marks tokens issued before a membership change as stale (they must be refreshed); the value is epoch seconds with milliseconds. */
export const memberChangedKey = (tenantId: string, userId: string) => `mc:${tenantId}:${userId}`;

/**
 * Credentials, in order: `Authorization: Bearer <JWT>`, `Authorization: Bearer bzk_…` (API key),
 * then the console's httpOnly cookie, which also needs the CSRF header on unsafe methods.
 * Credentials in the URL are refused outright: they end up in logs and browser history.
 */
export function createAuthenticator(hub: Hub, tokens: TokenService): Authenticator {
  return async (req) => {
    const q = req.query as Record<string, unknown> | undefined;
    if (q && ('access_token' in q || 'api_key' in q)) {
      throw new AppError(
        'AUTH.CREDENTIALS_IN_URL',
        400,
        'Credentials are accepted only in the Authorization header, never in the URL',
      );
    }
    const header = req.headers.authorization;
    let token: string | undefined;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      if (!m) {
        throw new AppError('AUTH.UNSUPPORTED_SCHEME', 401, 'Use the Bearer scheme', {
          wwwAuthenticate: 'Bearer realm="bizosaas"',
        });
      }
      token = m[1]!;
      if (token.startsWith('bzk_')) return apiKeyPrincipal(hub, token);
    } else if (req.cookies?.[COOKIE_ACCESS]) {
      token = req.cookies[COOKIE_ACCESS];
      if (!SAFE_METHODS.has(req.method)) checkCsrf(req);
    }
    if (!token) return null;
    const claims = await tokens.verify(token);
    if (claims.cli) {
      if (await hub.cache.get(`akr:${claims.sub}`))
        throw invalid('The API key behind this token was revoked');
      return {
        tenantId: claims.tid,
        actor: { kind: 'apiKey', keyId: claims.sub, scopes: (claims.scope ?? '').split(' ').filter(Boolean) },
      };
    }
    if (await isSessionRevoked(hub, claims.sid)) throw invalid('The session has ended');
    if (claims.tid && !claims.op && (await hub.cache.get(suspendedKey(claims.tid))))
      throw invalid('This tenant is suspended');
    if (claims.tid) {
      const changed = await hub.cache.get(memberChangedKey(claims.tid, claims.sub));
      if (changed && (claims.iat ?? 0) < Number(changed))
        throw invalid('Your access changed; refresh the token');
    }
    return {
      tenantId: claims.tid,
      actor: {
        kind: 'user',
        userId: claims.sub,
        email: claims.email,
        role: claims.role,
        operator: claims.op,
        sessionId: claims.sid,
      },
    };
  };
}

function checkCsrf(req: FastifyRequest) {
  const cookie = req.cookies?.[COOKIE_CSRF];
  const sent = req.headers['x-csrf-token'];
  if (
    !cookie ||
    typeof sent !== 'string' ||
    sent.length !== cookie.length ||
    !timingSafeEqual(Buffer.from(sent), Buffer.from(cookie))
  ) {
    throw new AppError(
      'AUTH.CSRF',
      403,
      'Missing or wrong x-csrf-token header (copy it from the bos_csrf cookie)',
    );
  }
}

interface CachedKey {
  tenantId: string;
  keyId: string;
  scopes: string[];
}

async function apiKeyPrincipal(hub: Hub, key: string) {
  const cacheKey = `ak:${sha256(key)}`;
  const cached = await hub.cache.get(cacheKey);
  let found: CachedKey | undefined = cached ? (JSON.parse(cached) as CachedKey) : undefined;
  if (found && (await hub.cache.get(`akr:${found.keyId}`)))
    throw invalid('The API key is invalid or revoked');
  if (found && (await hub.cache.get(suspendedKey(found.tenantId)))) throw invalid('This tenant is suspended');
  if (!found) {
    const parsed = parseApiKey(key);
    if (!parsed || !UUID_RE.test(parsed.tenantId)) throw invalid('The API key is invalid');
    const row = await withTenant(hub.systemCtx(parsed.tenantId, 'api-key-auth'), async ({ tx }) => {
      const { rows } = await exec<{ secret_hash: string; scopes: string[] }>(
        tx,
        sql`
        update identity.api_keys set last_used_at = now()
        where id = ${parsed.keyId} and revoked_at is null and (expires_at is null or expires_at > now())
          and exists (select 1 from identity.tenants t where t.id = api_keys.tenant_id and t.status = 'active')
        returning secret_hash, scopes`,
      );
      return rows[0];
    }).catch((err) => {
      if (err instanceof AppError) throw err;
      return undefined;
    });
    const a = Buffer.from(row?.secret_hash ?? '');
    const b = Buffer.from(sha256(parsed.secret));
    if (!row || a.length !== b.length || !timingSafeEqual(a, b))
      throw invalid('The API key is invalid or revoked');
    found = { tenantId: parsed.tenantId, keyId: parsed.keyId, scopes: row.scopes };
    await hub.cache.set(cacheKey, JSON.stringify(found), 60);
  }
  return {
    tenantId: found.tenantId,
    actor: { kind: 'apiKey' as const, keyId: found.keyId, scopes: found.scopes },
  };
}

/** Cookies for the console: httpOnly access and refresh tokens, and a readable CSRF token. */
export function setAuthCookies(
  hub: Hub,
  reply: FastifyReply,
  t: { accessToken: string; refreshToken: string; expiresIn: number },
  csrf: string,
) {
  const secure = hub.config.COOKIE_SECURE;
  reply.setCookie(COOKIE_ACCESS, t.accessToken, {
    path: '/',
    httpOnly: true,
    secure,
    sameSite: 'lax',
    maxAge: t.expiresIn,
  });
  reply.setCookie(COOKIE_REFRESH, t.refreshToken, {
    path: '/api/brain/auth',
    httpOnly: true,
    secure,
    sameSite: 'strict',
    maxAge: hub.config.REFRESH_TOKEN_TTL_DAYS * 86400,
  });
  reply.setCookie(COOKIE_CSRF, csrf, {
    path: '/',
    httpOnly: false,
    secure,
    sameSite: 'strict',
    maxAge: hub.config.REFRESH_TOKEN_TTL_DAYS * 86400,
  });
}

export function clearAuthCookies(reply: FastifyReply) {
  reply.clearCookie(COOKIE_ACCESS, { path: '/' });
  reply.clearCookie(COOKIE_REFRESH, { path: '/api/brain/auth' });
  reply.clearCookie(COOKIE_CSRF, { path: '/' });
}
