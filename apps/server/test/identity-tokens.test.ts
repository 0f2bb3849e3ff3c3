import { randomUUID } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type CryptoKey, decodeProtectedHeader, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tokenService } from '../src/modules/identity/index.js';
import { limits } from '../src/modules/identity/limits.js';
import { AUDIENCE } from '../src/modules/identity/tokens.js';
import { uuidv7 } from '../src/platform/ids.js';
import {
  awayFromWindowEdge,
  bearer,
  createVerifiedUser,
  decodeJwtPart,
  expectProblem,
  inject,
  me,
  newEmail,
  nextIp,
  PASSWORD,
  passwordGrant,
  signupHttp,
  tokenRequest,
} from './auth-helpers.js';
import { buildTestApp, createTestTenant } from './helpers.js';

/**
 * The OAuth2 token endpoint, Bearer authentication (RFC 6750), password change, sessions,
 * rate limits and tenant switching, over HTTP.
 */
let app: FastifyInstance;

beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

function expectOauthError(res: LightMyRequestResponse, error: string, status = 400) {
  expect({ status: res.statusCode, body: res.json() }).toMatchObject({ status, body: { error } });
  expect(typeof res.json().error_description).toBe('string');
  expect(res.headers['cache-control']).toBe('no-store');
}

const refreshGrant = (refresh_token: string) =>
  tokenRequest(app, { grant_type: 'refresh_token', refresh_token });

describe('POST /auth/token', () => {
  it('password grant with a form body and with JSON', async () => {
    const user = await createVerifiedUser(app);
    const form = await tokenRequest(app, {
      grant_type: 'password',
      username: user.email,
      password: user.password,
    });
    expect(form.statusCode, form.body).toBe(200);
    expect(form.headers['cache-control']).toBe('no-store');
    expect(form.headers.pragma).toBe('no-cache');
    const t = form.json();
    expect(t).toMatchObject({
      token_type: 'Bearer',
      access_token: expect.any(String),
      refresh_token: expect.any(String),
    });
    expect(t.expires_in).toBeGreaterThan(0);
    expect(t.expires_in).toBeLessThanOrEqual(900);
    const claims = decodeJwtPart(t.access_token, 1);
    expect(claims).toMatchObject({
      sub: user.userId,
      tid: user.tenantId,
      role: 'owner',
      aud: AUDIENCE,
      iss: app.hub.config.PUBLIC_URL,
    });
    // iat may carry milliseconds; the lifetime is expires_in, give or take that fraction.
    const lifetime = (claims.exp as number) - (claims.iat as number);
    expect(lifetime).toBeGreaterThan(t.expires_in - 1);
    expect(lifetime).toBeLessThanOrEqual(t.expires_in);

    const json = await passwordGrant(app, user.email.toUpperCase(), user.password);
    expect(json.token_type).toBe('Bearer');
    expect((await me(app, json.access_token)).json()).toMatchObject({ user: { id: user.userId } });
  });

  it('refresh_token grant rotates; replaying a used refresh token revokes the whole session', async () => {
    const user = await createVerifiedUser(app);
    const first = await passwordGrant(app, user.email, user.password);
    const r1 = await refreshGrant(first.refresh_token);
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r1.headers['cache-control']).toBe('no-store');
    const second = r1.json();
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect(decodeJwtPart(second.access_token, 1).sid).toBe(decodeJwtPart(first.access_token, 1).sid);
    const r2 = await refreshGrant(second.refresh_token);
    expect(r2.statusCode).toBe(200);
    const third = r2.json();
    expect((await me(app, third.access_token)).statusCode).toBe(200);

    // The first refresh token again: someone copied it.
    expectOauthError(await refreshGrant(first.refresh_token), 'invalid_grant');
    // Now nothing of that session works, not even the newest tokens.
    expectOauthError(await refreshGrant(third.refresh_token), 'invalid_grant');
    expectProblem(await me(app, third.access_token), 401, 'AUTH.INVALID_TOKEN');
    expectProblem(await me(app, first.access_token), 401, 'AUTH.INVALID_TOKEN');

    const { rows } = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.audit_log where tenant_id = $1 and action = 'session.refresh_token_reused'`,
      [user.tenantId],
    );
    expect(rows[0].n).toBe(1);
    // Another session of the same user goes on.
    const other = await passwordGrant(app, user.email, user.password);
    expect((await refreshGrant(other.refresh_token)).statusCode).toBe(200);
  });

  it('answers OAuth2 errors: unsupported grant, missing parameters, wrong password, bad refresh token', async () => {
    const user = await createVerifiedUser(app);
    expectOauthError(
      await tokenRequest(app, { grant_type: 'authorization_code', code: 'x' }),
      'unsupported_grant_type',
    );
    expectOauthError(await tokenRequest(app, {}), 'invalid_request');
    expectOauthError(
      await tokenRequest(app, { grant_type: 'password', username: user.email }),
      'invalid_request',
    );
    expectOauthError(
      await tokenRequest(app, { grant_type: 'password', password: 'whatever it is' }),
      'invalid_request',
    );
    expectOauthError(await tokenRequest(app, { grant_type: 'refresh_token' }), 'invalid_request');
    expectOauthError(
      await tokenRequest(app, {
        grant_type: 'password',
        username: user.email,
        password: user.password,
        tenant_id: 'nope',
      }),
      'invalid_request',
    );
    expectOauthError(
      await tokenRequest(app, { grant_type: 'password', username: user.email, password: 'wrong password!' }),
      'invalid_grant',
    );
    expectOauthError(
      await tokenRequest(app, { grant_type: 'password', username: newEmail(), password: 'wrong password!' }),
      'invalid_grant',
    );
    expectOauthError(await refreshGrant('not-a-refresh-token'), 'invalid_grant');
    // A tenant that is not the user's: invalid_grant, same as a wrong password.
    expectOauthError(
      await tokenRequest(app, {
        grant_type: 'password',
        username: user.email,
        password: user.password,
        tenant_id: randomUUID(),
      }),
      'invalid_grant',
    );
    // Client credentials without a client: 401 invalid_client with a Basic challenge.
    const cc = await tokenRequest(app, { grant_type: 'client_credentials' });
    expectOauthError(cc, 'invalid_client', 401);
    expect(cc.headers['www-authenticate']).toMatch(/^Basic realm=/);
  });

  it('an unverified address gets invalid_grant', async () => {
    const { email } = await signupHttp(app);
    expectOauthError(
      await tokenRequest(app, { grant_type: 'password', username: email, password: PASSWORD }),
      'invalid_grant',
    );
  });
});

describe('Bearer authentication (RFC 6750)', () => {
  let user: Awaited<ReturnType<typeof createVerifiedUser>>;
  let good: string;
  let key: { kid: string; privateKey: CryptoKey };
  let claims: Record<string, unknown>;

  beforeAll(async () => {
    user = await createVerifiedUser(app);
    good = (await passwordGrant(app, user.email, user.password)).access_token;
    const svc = tokenService(app.hub);
    await svc.load();
    key = (svc as unknown as { current: { kid: string; privateKey: CryptoKey } }).current;
    const { iat: _i, exp: _e, iss: _s, aud: _a, ...rest } = decodeJwtPart(good, 1);
    claims = rest;
  });

  const now = () => Math.floor(Date.now() / 1000);
  function craft(
    o: {
      iss?: string;
      aud?: string;
      iat?: number;
      exp?: number;
      typ?: string;
      kid?: string;
      key?: CryptoKey;
      body?: Record<string, unknown>;
    } = {},
  ) {
    return new SignJWT({ ...claims, ...o.body })
      .setProtectedHeader({ alg: 'EdDSA', kid: o.kid ?? key.kid, typ: o.typ ?? 'at+jwt' })
      .setIssuer(o.iss ?? app.hub.config.PUBLIC_URL)
      .setAudience(o.aud ?? AUDIENCE)
      .setIssuedAt(o.iat ?? now())
      .setExpirationTime(o.exp ?? now() + 300)
      .sign(o.key ?? key.privateKey);
  }
  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

  it('no credentials: 401 with a bare Bearer challenge', async () => {
    const res = await inject(app, { method: 'GET', url: '/api/brain/auth/me' });
    expectProblem(res, 401, 'AUTH.REQUIRED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]+"$/);
  });

  it('the access token is EdDSA with a kid that the JWKS lists (public half only)', async () => {
    const header = decodeProtectedHeader(good);
    expect(header).toMatchObject({ alg: 'EdDSA', typ: 'at+jwt', kid: expect.any(String) });
    const res = await inject(app, { method: 'GET', url: '/api/brain/auth/.well-known/jwks.json' });
    expect(res.statusCode).toBe(200);
    const jwk = (res.json().keys as Record<string, unknown>[]).find((k) => k.kid === header.kid);
    expect(jwk).toMatchObject({
      kty: 'OKP',
      crv: 'Ed25519',
      alg: 'EdDSA',
      use: 'sig',
      x: expect.any(String),
    });
    expect(jwk).not.toHaveProperty('d');
  });

  it('a token crafted with the real key and right claims works (so the refusals below are about one thing each)', async () => {
    const res = await me(app, await craft());
    expect(res.statusCode, res.body).toBe(200);
  });

  it.each<[string, () => Promise<string>]>([
    ['expired', () => craft({ iat: now() - 3600, exp: now() - 60 })],
    [
      'tampered payload',
      async () => {
        const [h, , s] = good.split('.');
        return `${h}.${b64({ ...decodeJwtPart(good, 1), role: 'owner', op: true })}.${s}`;
      },
    ],
    ['wrong audience', () => craft({ aud: 'some-other-api' })],
    ['wrong issuer', () => craft({ iss: 'https://evil.example' })],
    ['alg none', async () => `${b64({ alg: 'none', kid: key.kid, typ: 'at+jwt' })}.${good.split('.')[1]}.`],
    [
      'HS256 with a guessed secret',
      () =>
        new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })
          .setIssuer(app.hub.config.PUBLIC_URL)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode('test-secret-test-secret-test-secret-0123456789')),
    ],
    [
      'HS256 keyed with the public key',
      async () => {
        const jwks = (await tokenService(app.hub).jwks()).keys.find((k) => k.kid === key.kid)!;
        return new SignJWT({ ...claims })
          .setProtectedHeader({ alg: 'HS256', kid: key.kid, typ: 'at+jwt' })
          .setIssuer(app.hub.config.PUBLIC_URL)
          .setAudience(AUDIENCE)
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(Buffer.from(jwks.x as string, 'base64url'));
      },
    ],
    [
      'unknown kid (another Ed25519 key)',
      async () =>
        craft({ kid: 'k-unknown', key: (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey }),
    ],
    [
      'known kid, signed by another key',
      async () => craft({ key: (await generateKeyPair('EdDSA', { crv: 'Ed25519' })).privateKey }),
    ],
    ['typ JWT instead of at+jwt', () => craft({ typ: 'JWT' })],
    ['not a JWT at all', async () => 'abc.def.ghi'],
  ])('%s: 401 AUTH.INVALID_TOKEN with error="invalid_token"', async (_name, make) => {
    const res = await me(app, await make());
    expectProblem(res, 401, 'AUTH.INVALID_TOKEN');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="[^"]+", error="invalid_token"/);
  });

  it('an expired token says so in error_description', async () => {
    const res = await me(app, await craft({ iat: now() - 3600, exp: now() - 60 }));
    expect(res.headers['www-authenticate']).toMatch(/error_description="[^"]*expired/);
  });

  it('credentials in the URL are refused with 400, even alongside a good header', async () => {
    expectProblem(
      await inject(app, { method: 'GET', url: `/api/brain/auth/me?access_token=${good}` }),
      400,
      'AUTH.CREDENTIALS_IN_URL',
    );
    expectProblem(
      await inject(app, {
        method: 'GET',
        url: `/api/brain/auth/me?access_token=${good}`,
        headers: bearer(good),
      }),
      400,
      'AUTH.CREDENTIALS_IN_URL',
    );
    expectProblem(
      await inject(app, { method: 'GET', url: '/api/brain/auth/me?api_key=bzk_x' }),
      400,
      'AUTH.CREDENTIALS_IN_URL',
    );
  });

  it('another scheme than Bearer is refused', async () => {
    const res = await inject(app, {
      method: 'GET',
      url: '/api/brain/auth/me',
      headers: { authorization: `Basic ${Buffer.from('a:b').toString('base64')}` },
    });
    expectProblem(res, 401, 'AUTH.UNSUPPORTED_SCHEME');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm=/);
  });
});

describe('password change', () => {
  it('ends every other session, not the current one; a wrong current password is 400', async () => {
    const user = await createVerifiedUser(app);
    const a = await passwordGrant(app, user.email, user.password);
    const b = await passwordGrant(app, user.email, user.password);
    const NEW = 'changed passphrase 2026';
    const change = (currentPassword: string) =>
      inject(app, {
        method: 'POST',
        url: '/api/brain/auth/password/change',
        headers: bearer(a.access_token),
        payload: { currentPassword, newPassword: NEW },
      });

    const wrong = await change('not my password');
    expect(expectProblem(wrong, 400, 'IDENTITY.PASSWORD_WRONG').detail).toMatch(/^currentPassword: /);
    expect((await me(app, b.access_token)).statusCode).toBe(200);

    const ok = await change(user.password);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toEqual({ ok: true, sessionsEnded: 1 });
    expectProblem(await me(app, b.access_token), 401, 'AUTH.INVALID_TOKEN');
    expectOauthError(await refreshGrant(b.refresh_token), 'invalid_grant');
    expect((await me(app, a.access_token)).statusCode).toBe(200);
    expect((await refreshGrant(a.refresh_token)).statusCode).toBe(200);
    await passwordGrant(app, user.email, NEW);
  });

  it('needs a signed-in user', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/change',
      payload: { currentPassword: 'a', newPassword: 'b' },
    });
    expectProblem(res, 401, 'AUTH.REQUIRED');
  });
});

describe('sessions', () => {
  it("lists with current, revokes one, refuses others' sessions, logout revokes on the server", async () => {
    const x = await createVerifiedUser(app);
    const y = await createVerifiedUser(app);
    const xa = await passwordGrant(app, x.email, x.password);
    const xb = await passwordGrant(app, x.email, x.password);
    const ya = await passwordGrant(app, y.email, y.password);
    const sid = (t: string) => decodeJwtPart(t, 1).sid as string;
    const list = async (t: string) => {
      const res = await inject(app, { method: 'GET', url: '/api/brain/auth/sessions', headers: bearer(t) });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().items as { id: string; current: boolean; ip: string | null }[];
    };

    const items = await list(xa.access_token);
    expect(items.map((s) => s.id).sort()).toEqual([sid(xa.access_token), sid(xb.access_token)].sort());
    expect(items.find((s) => s.current)?.id).toBe(sid(xa.access_token));
    expect(items.filter((s) => s.current)).toHaveLength(1);
    expect(items[0]!.ip).toMatch(/^10\./);

    const del = (t: string, id: string) =>
      inject(app, { method: 'DELETE', url: `/api/brain/auth/sessions/${id}`, headers: bearer(t) });
    expectProblem(await del(xa.access_token, sid(ya.access_token)), 404, 'AUTH.SESSION_NOT_FOUND');
    expect((await me(app, ya.access_token)).statusCode).toBe(200);
    expectProblem(await del(xa.access_token, 'not-a-uuid'), 400, 'HTTP.VALIDATION_FAILED');

    const gone = await del(xa.access_token, sid(xb.access_token));
    expect(gone.statusCode, gone.body).toBe(200);
    expectProblem(await me(app, xb.access_token), 401, 'AUTH.INVALID_TOKEN');
    expectOauthError(await refreshGrant(xb.refresh_token), 'invalid_grant');
    expectProblem(await del(xa.access_token, sid(xb.access_token)), 404, 'AUTH.SESSION_NOT_FOUND');
    expect((await list(xa.access_token)).map((s) => s.id)).toEqual([sid(xa.access_token)]);

    const out = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/logout',
      headers: bearer(xa.access_token),
    });
    expect(out.statusCode, out.body).toBe(200);
    expectOauthError(await refreshGrant(xa.refresh_token), 'invalid_grant');
    expectProblem(await me(app, xa.access_token), 401, 'AUTH.INVALID_TOKEN');
  });
});

describe('rate limits', () => {
  function expect429(res: LightMyRequestResponse, windowSeconds: number) {
    expectProblem(res, 429, 'HTTP.RATE_LIMITED');
    const retry = Number(res.headers['retry-after']);
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(windowSeconds);
  }
  const login = (email: string, password: string, ip = nextIp()) =>
    inject(app, { method: 'POST', url: '/api/brain/auth/login', ip, payload: { email, password } });

  it(`sign-in per account: attempt ${limits.signinAccount.max + 1} is refused, even from other IPs and with the right password`, async () => {
    await awayFromWindowEdge(limits.signinAccount.windowSeconds);
    const user = await createVerifiedUser(app);
    for (let i = 0; i < limits.signinAccount.max; i++)
      expectProblem(await login(user.email, `wrong password ${i}`), 401, 'AUTH.INVALID_CREDENTIALS');
    expect429(await login(user.email, user.password), limits.signinAccount.windowSeconds);
    // The token endpoint shares the account's counter and answers 429 as well.
    const t = await tokenRequest(app, {
      grant_type: 'password',
      username: user.email.toUpperCase(),
      password: user.password,
    });
    expect429(t, limits.signinAccount.windowSeconds);
  });

  it("successful sign-ins do not use up the account's allowance; failures after them still do", async () => {
    await awayFromWindowEdge(limits.signinAccount.windowSeconds);
    const user = await createVerifiedUser(app);
    expectProblem(await login(user.email, 'a wrong guess'), 401, 'AUTH.INVALID_CREDENTIALS');
    for (let i = 0; i <= limits.signinAccount.max; i++) await passwordGrant(app, user.email, user.password);
    for (let i = 0; i < limits.signinAccount.max; i++)
      expectProblem(await login(user.email, `wrong password ${i}`), 401, 'AUTH.INVALID_CREDENTIALS');
    expect429(await login(user.email, user.password), limits.signinAccount.windowSeconds);
  });

  it(`sign-in per IP: attempt ${limits.signinIp.max + 1} from one address is refused`, async () => {
    await awayFromWindowEdge(limits.signinIp.windowSeconds);
    const ip = nextIp();
    const results = await Promise.all(
      Array.from({ length: limits.signinIp.max }, () => login(newEmail('spray'), 'wrong password', ip)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(limits.signinIp.max).fill(401));
    expect429(await login(newEmail('spray'), 'wrong password', ip), limits.signinIp.windowSeconds);
    // Another address is not affected.
    expectProblem(await login(newEmail('spray'), 'wrong password'), 401, 'AUTH.INVALID_CREDENTIALS');
  });

  it(`sign-up per IP: attempt ${limits.signupIp.max + 1} from one address is refused`, async () => {
    await awayFromWindowEdge(limits.signupIp.windowSeconds);
    const ip = nextIp();
    for (let i = 0; i < limits.signupIp.max; i++)
      expectProblem(
        (await signupHttp(app, { ip, password: 'short' })).res,
        400,
        'IDENTITY.PASSWORD_TOO_SHORT',
      );
    const { res, email } = await signupHttp(app, { ip });
    expect429(res, limits.signupIp.windowSeconds);
    const { rows } = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.users where email = $1`,
      [email],
    );
    expect(rows[0].n).toBe(0);
  });

  it(`token endpoint per IP: request ${limits.tokenIp.max + 1} within the window is refused`, async () => {
    await awayFromWindowEdge(limits.tokenIp.windowSeconds, 5);
    const ip = nextIp();
    const results = await Promise.all(
      Array.from({ length: limits.tokenIp.max }, () => tokenRequest(app, { grant_type: 'nope' }, ip)),
    );
    expect(results.map((r) => r.statusCode)).toEqual(Array(limits.tokenIp.max).fill(400));
    expect429(await tokenRequest(app, { grant_type: 'nope' }, ip), limits.tokenIp.windowSeconds);
  });

  it(`password reset per account: request ${limits.resetAccount.max + 1} for one address is refused`, async () => {
    await awayFromWindowEdge(limits.resetAccount.windowSeconds);
    const email = newEmail('reset');
    const forgot = (e: string) =>
      inject(app, { method: 'POST', url: '/api/brain/auth/password/forgot', payload: { email: e } });
    for (let i = 0; i < limits.resetAccount.max; i++) expect((await forgot(email)).statusCode).toBe(202);
    expect429(await forgot(email.toUpperCase()), limits.resetAccount.windowSeconds);
  });
});

describe('me and switch-tenant', () => {
  it('lists memberships and the active tenant; switches only to a tenant of the user', async () => {
    const user = await createVerifiedUser(app);
    const second = await createTestTenant(app.hub, { name: `Second ${randomUUID()}` });
    const foreign = await createTestTenant(app.hub);
    await app.hub.db.admin.query(
      `insert into identity.memberships (tenant_id, id, user_id, role) values ($1, $2, $3, 'member')`,
      [second.id, uuidv7(), user.userId],
    );
    const t = await passwordGrant(app, user.email, user.password);

    const m = await me(app, t.access_token);
    expect(m.statusCode, m.body).toBe(200);
    const body = m.json();
    expect(
      body.memberships.map((x: { tenantId: string; role: string }) => [x.tenantId, x.role]).sort(),
    ).toEqual(
      [
        [user.tenantId, 'owner'],
        [second.id, 'member'],
      ].sort(),
    );
    expect(body.activeTenant).toMatchObject({ tenantId: user.tenantId, role: 'owner' });
    expect(body).toMatchObject({ role: 'owner', sessionId: decodeJwtPart(t.access_token, 1).sid });

    const sw = (tenantId: string) =>
      inject(app, {
        method: 'POST',
        url: '/api/brain/auth/switch-tenant',
        headers: bearer(t.access_token),
        payload: { tenantId },
      });
    expectProblem(await sw(foreign.id), 404, 'AUTH.TENANT_NOT_FOUND');
    expectProblem(await sw(randomUUID()), 404, 'AUTH.TENANT_NOT_FOUND');

    const ok = await sw(second.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ tenantId: second.id, role: 'member' });
    const claims = decodeJwtPart(ok.json().accessToken, 1);
    expect(claims).toMatchObject({
      tid: second.id,
      role: 'member',
      sub: user.userId,
      sid: decodeJwtPart(t.access_token, 1).sid,
    });
    const after = await me(app, ok.json().accessToken);
    expect(after.json()).toMatchObject({
      activeTenant: { tenantId: second.id, role: 'member' },
      role: 'member',
    });
    // The session now works in that tenant: a refresh keeps it there.
    const r = await refreshGrant(t.refresh_token);
    expect(decodeJwtPart(r.json().access_token, 1)).toMatchObject({ tid: second.id, role: 'member' });
  });
});
