import { timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import * as oidc from 'openid-client';
import type { Config } from '../../config.js';
import type { Ctx } from '../../platform/context.js';
import { exec, withSystem } from '../../platform/db/tenant.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { auditIn } from './audit.service.js';
import { revokeSessions } from './sessions.service.js';
import { sha256 } from './tokens.js';
import { findUserByEmail, findUserById, type UserRow } from './users.service.js';

/**
 * Single sign-on with the OpenID Connect providers the platform configures (OIDC_PROVIDERS):
 * authorization code flow with PKCE (S256), state and nonce. The transaction waits in the shared
 * cache under a hash of its state and is bound to the browser by a cookie that holds the state.
 */
export type OidcProviderConfig = Config['OIDC_PROVIDERS'][number];

export const OIDC_COOKIE = 'bos_oidc';
export const OIDC_COOKIE_PATH = '/api/brain/auth/oidc';
const TX_TTL_SECONDS = 600;

/** Why a callback failed; the only thing the browser learns (`/signin?sso_error=<code>`). */
export type SsoErrorCode =
  | 'access_denied'
  | 'provider_error'
  | 'provider_unavailable'
  | 'invalid_state'
  | 'exchange_failed'
  | 'email_missing'
  | 'email_not_verified'
  | 'account_disabled'
  | 'rate_limited'
  | 'server_error';

export class SsoError extends Error {
  constructor(
    readonly code: SsoErrorCode,
    why: string,
  ) {
    super(why);
    this.name = 'SsoError';
  }
}

export interface OidcTransaction {
  provider: string;
  codeVerifier: string;
  nonce: string;
  returnTo: string;
}

/** A relative path on this site: "/…" but never "//…" or "/\…" (both leave the origin). */
export function isSafeReturnTo(v: string): boolean {
  if (!v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return false;
  if ([...v].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) return false;
  try {
    return new URL(v, 'http://x.invalid').origin === 'http://x.invalid';
  } catch {
    return false;
  }
}

export function findProvider(hub: Hub, id: string): OidcProviderConfig | undefined {
  return hub.config.OIDC_PROVIDERS.find((p) => p.id === id);
}

export const callbackUrl = (hub: Hub, providerId: string) =>
  `${hub.config.PUBLIC_URL}/api/brain/auth/oidc/${providerId}/callback`;

/** Plain HTTP is allowed only for issuers on loopback (tests and local development). */
function isLoopbackHttp(issuer: URL) {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

// Discovery is cached per hub and provider; a failed discovery is forgotten so the next try repeats it.
const discovered = new WeakMap<Hub, Map<string, Promise<oidc.Configuration>>>();

export function providerConfiguration(hub: Hub, p: OidcProviderConfig): Promise<oidc.Configuration> {
  let byId = discovered.get(hub);
  if (!byId) {
    byId = new Map();
    discovered.set(hub, byId);
  }
  let pending = byId.get(p.id);
  if (!pending) {
    pending = discover(p).catch((err) => {
      byId.delete(p.id);
      throw new SsoError(
        'provider_unavailable',
        `discovery of ${p.issuer} failed: ${(err as Error).message}`,
      );
    });
    byId.set(p.id, pending);
  }
  return pending;
}

async function discover(p: OidcProviderConfig) {
  const issuer = new URL(p.issuer);
  const execute = isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [];
  const config = await oidc.discovery(issuer, p.clientId, undefined, oidc.ClientSecretBasic(p.clientSecret), {
    execute,
  });
  // client_secret_basic is the OIDC default; use client_secret_post when the provider only offers that.
  const methods = config.serverMetadata().token_endpoint_auth_methods_supported;
  if (methods && !methods.includes('client_secret_basic') && methods.includes('client_secret_post')) {
    const post = new oidc.Configuration(
      config.serverMetadata(),
      p.clientId,
      undefined,
      oidc.ClientSecretPost(p.clientSecret),
    );
    for (const fn of execute) fn(post);
    return post;
  }
  return config;
}

const txKey = (state: string) => `oidc:tx:${sha256(state)}`;

/** Builds the authorization URL and keeps the transaction for ten minutes; returns the state for the cookie. */
export async function startSignIn(hub: Hub, p: OidcProviderConfig, returnTo: string) {
  const config = await providerConfiguration(hub, p);
  const codeVerifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const tx: OidcTransaction = { provider: p.id, codeVerifier, nonce, returnTo };
  await hub.cache.set(txKey(state), JSON.stringify(tx), TX_TTL_SECONDS);
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: callbackUrl(hub, p.id),
    response_type: 'code',
    scope: 'openid email profile',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state, maxAge: TX_TTL_SECONDS };
}

function sameString(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The transaction for a callback, taken once: the state must equal the browser's cookie, and a
 * counter claims it atomically (Redis or in-process) so a replayed callback finds nothing.
 */
export async function takeTransaction(
  hub: Hub,
  providerId: string,
  state: string | undefined,
  cookie: string | undefined,
) {
  if (!state || !cookie || !sameString(state, cookie))
    throw new SsoError('invalid_state', 'state is missing or differs from the cookie');
  const key = txKey(state);
  if ((await hub.cache.incr(`${key}:taken`, TX_TTL_SECONDS)) !== 1)
    throw new SsoError('invalid_state', 'the transaction was already used');
  const raw = await hub.cache.get(key);
  await hub.cache.del(key);
  if (!raw) throw new SsoError('invalid_state', 'no transaction for this state (expired or unknown)');
  const tx = JSON.parse(raw) as OidcTransaction;
  if (tx.provider !== providerId)
    throw new SsoError('invalid_state', 'the transaction belongs to another provider');
  return tx;
}

export interface SsoClaims {
  sub: string;
  email?: string;
  emailVerified: boolean;
  name?: string;
}

/** Exchanges the code (PKCE, state and nonce checked by openid-client) and reads who signed in. */
export async function completeSignIn(
  hub: Hub,
  p: OidcProviderConfig,
  tx: OidcTransaction,
  currentUrl: URL,
  state: string,
): Promise<SsoClaims> {
  const config = await providerConfiguration(hub, p);
  let claims: Record<string, unknown>;
  let accessToken: string;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: tx.codeVerifier,
      expectedState: state,
      expectedNonce: tx.nonce,
      idTokenExpected: true,
    });
    claims = { ...(tokens.claims() ?? {}) };
    accessToken = tokens.access_token;
  } catch (err) {
    throw new SsoError('exchange_failed', `code exchange failed: ${(err as Error).message}`);
  }
  const sub = claims.sub as string;
  // Many providers put profile claims only in the UserInfo response when a code is exchanged.
  if (typeof claims.email !== 'string') {
    try {
      const info = await oidc.fetchUserInfo(config, accessToken, sub);
      claims = { ...info, ...claims, email: info.email, email_verified: info.email_verified };
    } catch (err) {
      throw new SsoError('exchange_failed', `userinfo failed: ${(err as Error).message}`);
    }
  }
  const name = [
    claims.name,
    [claims.given_name, claims.family_name].filter((s) => typeof s === 'string').join(' '),
    claims.preferred_username,
  ].find((s): s is string => typeof s === 'string' && s.trim().length > 0);
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : undefined;
  return {
    sub,
    email: email || undefined,
    emailVerified: claims.email_verified === true || claims.email_verified === 'true',
    name: name?.trim().slice(0, 200),
  };
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The user behind an external identity: the one already linked to (provider, sub); else the
 * account with the same address, linked only when the provider vouches for the address; else a
 * new user without a password. An account whose address we never verified loses its password
 * and sessions when linked, so whoever registered it first cannot keep a way in.
 */
export async function resolveUser(hub: Hub, ctx: Ctx, providerId: string, c: SsoClaims): Promise<UserRow> {
  const linked = await hub.db.admin.query(
    `select user_id from identity.external_identities where provider = $1 and subject = $2`,
    [providerId, c.sub],
  );
  if (linked.rows[0]) {
    const user = await findUserById(hub.db, linked.rows[0].user_id);
    if (!user) throw new SsoError('server_error', 'linked user vanished');
    if (user.status !== 'active') throw new SsoError('account_disabled', 'the account is disabled');
    if (c.email)
      await hub.db.admin.query(
        `update identity.external_identities set email = $3 where provider = $1 and subject = $2`,
        [providerId, c.sub, c.email],
      );
    return user;
  }
  if (!c.email || !EMAIL_RE.test(c.email))
    throw new SsoError('email_missing', 'the provider sent no usable e-mail address');
  const existing = await findUserByEmail(hub.db, c.email);
  if (existing) {
    if (!c.emailVerified)
      throw new SsoError(
        'email_not_verified',
        'an account with this address exists and the provider has not verified it',
      );
    if (existing.status !== 'active') throw new SsoError('account_disabled', 'the account is disabled');
    await linkUser(hub, ctx, providerId, c, existing);
    return (await findUserById(hub.db, existing.id)) ?? existing;
  }
  if (!c.emailVerified && hub.config.REQUIRE_EMAIL_VERIFICATION) {
    throw new SsoError(
      'email_not_verified',
      'the provider has not verified the address and verification is required',
    );
  }
  return createUser(hub, providerId, c);
}

async function linkUser(hub: Hub, ctx: Ctx, providerId: string, c: SsoClaims, user: UserRow) {
  const unverified = !user.emailVerifiedAt;
  await withSystem({ db: hub.db }, async (tx) => {
    await exec(
      tx,
      sql`insert into identity.external_identities (provider, subject, user_id, email)
      values (${providerId}, ${c.sub}, ${user.id}, ${c.email}) on conflict (provider, subject) do nothing`,
    );
    if (unverified) {
      await exec(
        tx,
        sql`update identity.users set email_verified_at = now(), password_hash = null, updated_at = now()
        where id = ${user.id} and email_verified_at is null`,
      );
    }
  });
  if (unverified) await revokeSessions(hub, { userId: user.id }, 'sso_linked_unverified_account');
  const { rows } = await hub.db.admin.query(`select tenant_id from identity.memberships where user_id = $1`, [
    user.id,
  ]);
  for (const r of rows) {
    await auditIn(ctx, r.tenant_id, 'user.sso_linked', {
      targetType: 'user',
      targetId: user.id,
      actor: { kind: 'user', id: user.id, email: user.email },
      data: { provider: providerId, passwordRemoved: unverified },
    });
  }
}

async function createUser(hub: Hub, providerId: string, c: SsoClaims): Promise<UserRow> {
  const id = uuidv7();
  const email = c.email as string;
  const name = c.name || email.split('@')[0] || email;
  try {
    await withSystem({ db: hub.db }, async (tx) => {
      await exec(
        tx,
        sql`insert into identity.users (id, email, name, email_verified_at)
        values (${id}, ${email}, ${name}, ${c.emailVerified ? sql`now()` : null})`,
      );
      await exec(
        tx,
        sql`insert into identity.external_identities (provider, subject, user_id, email)
        values (${providerId}, ${c.sub}, ${id}, ${email})`,
      );
    });
  } catch (err) {
    // Two first sign-ins at once: the other one won; take what it created.
    if ((err as { code?: string }).code === '23505') {
      const { rows } = await hub.db.admin.query(
        `select user_id from identity.external_identities where provider = $1 and subject = $2`,
        [providerId, c.sub],
      );
      const user = rows[0] && (await findUserById(hub.db, rows[0].user_id));
      if (user) return user;
    }
    throw err;
  }
  const user = await findUserById(hub.db, id);
  if (!user) throw new SsoError('server_error', 'created user vanished');
  return user;
}
