import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

/**
 * Single sign-on against a real OpenID Connect provider (`oidc-provider`) on loopback. The hub is
 * driven with app.inject, the provider over real HTTP with fetch, like a browser would: a small
 * cookie jar, redirects followed by hand, the provider's development login and consent forms.
 */
const PUBLIC_URL = 'http://127.0.0.1';
const CLIENT_ID = 'bizosaas-test';
const CLIENT_SECRET = `secret-${randomUUID()}`;
const run = randomUUID().slice(0, 8);
const mail = (who: string) => `${who}.${run}@sso.example`;

interface Account {
  email?: string;
  email_verified: boolean;
  name: string;
}
const accounts: Record<string, Account> = {
  alice: { email: mail('alice'), email_verified: true, name: 'Alice Sso' },
  bob: { email: mail('bob'), email_verified: true, name: 'Bob Linked' },
  carol: { email: mail('carol'), email_verified: false, name: 'Carol Unverified' },
  dave: { email: mail('dave'), email_verified: false, name: 'Dave New Unverified' },
  erin: { email: mail('erin'), email_verified: true, name: 'Erin Preclaimed' },
  nomail: { email_verified: false, name: 'No Mail' },
};

let app: FastifyInstance;
let server: http.Server;
let issuer: string;

beforeAll(async () => {
  let handler: http.RequestListener = (_req, res) => res.end();
  server = http.createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${PUBLIC_URL}/api/brain/auth/oidc/testidp/callback`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    scopes: ['openid', 'email', 'profile'],
    cookies: { keys: ['oidc-test-cookie-key'] },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 600, IdToken: 600 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx: unknown, id: string) {
      const a = accounts[id];
      if (!a) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...a }) };
    },
  });
  handler = provider.callback();
  app = await buildTestApp({
    PUBLIC_URL,
    OIDC_PROVIDERS: JSON.stringify([
      { id: 'testidp', name: 'Test IdP', issuer, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET },
      { id: 'down', name: 'Unreachable', issuer: 'http://127.0.0.1:9', clientId: 'x', clientSecret: 'y' },
    ]),
  });
});

afterAll(async () => {
  await app?.close();
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

/** A browser's cookies for the provider's origin. */
class Jar {
  private cookies = new Map<string, string>();
  store(res: Response) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

function formOf(html: string, base: string) {
  const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
  if (!action) throw new Error(`no form in the provider's page:\n${html.slice(0, 500)}`);
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g))
    fields[m[1]!] = m[2]!;
  return { action: new URL(action.replace(/&amp;/g, '&'), base).href, fields };
}

/**
 * Plays the browser at the provider, from the authorization URL until the provider redirects back
 * to the hub; returns that callback URL. `abort` cancels at the login form instead of signing in.
 */
async function atProvider(
  authorizationUrl: string,
  login: string,
  opts: { abort?: boolean } = {},
): Promise<URL> {
  const jar = new Jar();
  let url = authorizationUrl;
  let init: RequestInit = {};
  for (let hop = 0; hop < 20; hop++) {
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), cookie: jar.header() },
    });
    jar.store(res);
    const location = res.headers.get('location');
    if (location) {
      const next = new URL(location, url);
      if (next.href.startsWith(`${PUBLIC_URL}/`)) return next;
      url = next.href;
      init = {};
      continue;
    }
    const html = await res.text();
    if (res.status !== 200) throw new Error(`provider answered ${res.status}: ${html.slice(0, 500)}`);
    if (opts.abort && /name="login"/.test(html)) {
      url = `${url.replace(/\/$/, '')}/abort`;
      init = {};
      continue;
    }
    const form = formOf(html, url);
    const body = new URLSearchParams(form.fields);
    if (form.fields.prompt === 'login') {
      body.set('login', login);
      body.set('password', 'x');
    }
    url = form.action;
    init = { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded' } };
  }
  throw new Error('too many redirects at the provider');
}

async function start(returnTo = '/dashboard', provider = 'testidp') {
  const res = await app.inject({
    method: 'GET',
    url: `/api/brain/auth/oidc/${provider}/start?returnTo=${encodeURIComponent(returnTo)}`,
  });
  return { res, state: res.cookies.find((c) => c.name === 'bos_oidc')?.value };
}

async function callback(cb: URL, state: string | undefined) {
  return app.inject({
    method: 'GET',
    url: cb.pathname + cb.search,
    cookies: state ? { bos_oidc: state } : {},
  });
}

/** The whole round trip: start, provider, callback. */
async function signInWithSso(login: string, returnTo = '/dashboard') {
  const s = await start(returnTo);
  expect(s.res.statusCode).toBe(302);
  const cb = await atProvider(s.res.headers.location as string, login);
  return { res: await callback(cb, s.state), cb, state: s.state };
}

const cookie = (res: { cookies: { name: string; value: string }[] }, name: string) =>
  res.cookies.find((c) => c.name === name)?.value;

async function me(accessToken: string) {
  return app.inject({ method: 'GET', url: '/api/brain/auth/me', cookies: { bos_at: accessToken } });
}

async function userByEmail(email: string) {
  const { rows } = await app.hub.db.admin.query(
    `select id, name, password_hash as "passwordHash", email_verified_at as "emailVerifiedAt" from identity.users where email = $1`,
    [email],
  );
  return rows;
}

async function linksOf(subject: string) {
  const { rows } = await app.hub.db.admin.query(
    `select user_id as "userId" from identity.external_identities where provider = 'testidp' and subject = $1`,
    [subject],
  );
  return rows;
}

async function insertUser(email: string, verified: boolean) {
  const id = randomUUID();
  await app.hub.db.admin.query(
    `insert into identity.users (id, email, name, password_hash, email_verified_at) values ($1, $2, 'Local User', '$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$aGFzaA', $3)`,
    [id, email, verified ? new Date() : null],
  );
  return id;
}

describe('single sign-on with OpenID Connect', () => {
  it('lists the providers without secrets', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/brain/auth/oidc/providers' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      items: [
        { id: 'testidp', name: 'Test IdP' },
        { id: 'down', name: 'Unreachable' },
      ],
    });
    expect(res.body).not.toContain(CLIENT_SECRET);
  });

  it('start redirects to the provider with PKCE (S256), state and nonce, and binds the state to a cookie', async () => {
    const { res, state } = await start('/crm?tab=deals');
    expect(res.statusCode).toBe(302);
    const loc = new URL(res.headers.location as string);
    expect(loc.origin).toBe(issuer);
    expect(loc.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect(loc.searchParams.get('redirect_uri')).toBe(`${PUBLIC_URL}/api/brain/auth/oidc/testidp/callback`);
    expect(loc.searchParams.get('code_challenge_method')).toBe('S256');
    expect(loc.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(loc.searchParams.get('nonce')).toBeTruthy();
    expect(loc.searchParams.get('state')).toBe(state);
    expect(loc.searchParams.get('scope')).toBe('openid email profile');
    const set = String(res.headers['set-cookie']);
    expect(set).toMatch(/bos_oidc=[^;]+;.*HttpOnly/i);
    expect(set).toMatch(/SameSite=Lax/i);
    expect(set).toMatch(/Path=\/api\/brain\/auth\/oidc/);
  });

  it('a new user signs in, is created without a password, and the cookies work', async () => {
    const { res } = await signInWithSso('alice', '/crm?tab=deals');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/crm?tab=deals');
    const at = cookie(res, 'bos_at');
    expect(at).toBeTruthy();
    expect(cookie(res, 'bos_rt')).toBeTruthy();
    expect(cookie(res, 'bos_csrf')).toBeTruthy();
    expect(res.cookies.find((c) => c.name === 'bos_oidc')?.value).toBe('');
    const who = await me(at!);
    expect(who.statusCode).toBe(200);
    expect(who.json().user).toMatchObject({ email: mail('alice'), name: 'Alice Sso', emailVerified: true });
    const [row] = await userByEmail(mail('alice'));
    expect(row.passwordHash).toBeNull();
    expect(row.emailVerifiedAt).not.toBeNull();
    expect(await linksOf('alice')).toEqual([{ userId: row.id }]);

    // The same person again: the external identity is reused, nobody new is created.
    const again = await signInWithSso('alice');
    expect(again.res.statusCode).toBe(303);
    expect((await me(cookie(again.res, 'bos_at')!)).json().user.id).toBe(row.id);
    expect(await userByEmail(mail('alice'))).toHaveLength(1);
  });

  it('links an existing password user with the same verified address instead of duplicating it', async () => {
    const id = await insertUser(mail('bob'), true);
    const { res } = await signInWithSso('bob');
    expect(res.statusCode).toBe(303);
    expect((await me(cookie(res, 'bos_at')!)).json().user.id).toBe(id);
    const rows = await userByEmail(mail('bob'));
    expect(rows).toHaveLength(1);
    expect(rows[0].passwordHash).not.toBeNull(); // a verified account keeps its password
    expect(await linksOf('bob')).toEqual([{ userId: id }]);
  });

  it('an account registered but never verified is linked, but loses the password someone else may have set', async () => {
    const id = await insertUser(mail('erin'), false);
    const { res } = await signInWithSso('erin');
    expect(res.statusCode).toBe(303);
    const [row] = await userByEmail(mail('erin'));
    expect(row.id).toBe(id);
    expect(row.passwordHash).toBeNull();
    expect(row.emailVerifiedAt).not.toBeNull();
  });

  it('refuses to link when the provider has not verified the address', async () => {
    const id = await insertUser(mail('carol'), true);
    const { res } = await signInWithSso('carol');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin?sso_error=email_not_verified');
    expect(cookie(res, 'bos_at')).toBeUndefined();
    expect(await linksOf('carol')).toEqual([]);
    expect((await userByEmail(mail('carol')))[0].id).toBe(id);
  });

  it('refuses a new user with an unverified address while verification is required, and one without an address', async () => {
    const unverified = await signInWithSso('dave');
    expect(unverified.res.headers.location).toBe('/signin?sso_error=email_not_verified');
    expect(await userByEmail(mail('dave'))).toEqual([]);
    const noMail = await signInWithSso('nomail');
    expect(noMail.res.headers.location).toBe('/signin?sso_error=email_missing');
    expect(await linksOf('nomail')).toEqual([]);
  });

  it('refuses a tampered, missing, foreign or replayed state', async () => {
    const s = await start();
    const cb = await atProvider(s.res.headers.location as string, 'alice');
    const tampered = new URL(cb);
    tampered.searchParams.set('state', `${cb.searchParams.get('state')}x`);
    expect((await callback(tampered, s.state)).headers.location).toBe('/signin?sso_error=invalid_state');
    expect((await callback(cb, undefined)).headers.location).toBe('/signin?sso_error=invalid_state');
    const other = await start();
    expect((await callback(cb, other.state)).headers.location).toBe('/signin?sso_error=invalid_state');
    const noState = new URL(cb);
    noState.searchParams.delete('state');
    expect((await callback(noState, s.state)).headers.location).toBe('/signin?sso_error=invalid_state');

    // The genuine callback works once; replaying it does not.
    const ok = await callback(cb, s.state);
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/dashboard');
    const replay = await callback(cb, s.state);
    expect(replay.headers.location).toBe('/signin?sso_error=invalid_state');
    expect(cookie(replay, 'bos_at')).toBeUndefined();
  });

  it('a user who cancels at the provider comes back with sso_error=access_denied', async () => {
    const s = await start();
    const cb = await atProvider(s.res.headers.location as string, 'alice', { abort: true });
    expect(cb.searchParams.get('error')).toBe('access_denied');
    const res = await callback(cb, s.state);
    expect(res.headers.location).toBe('/signin?sso_error=access_denied');
  });

  it('a forged code fails the exchange without leaking details', async () => {
    const s = await start();
    const forged = new URL(`${PUBLIC_URL}/api/brain/auth/oidc/testidp/callback`);
    forged.searchParams.set('code', 'not-a-real-code');
    forged.searchParams.set('state', s.state!);
    forged.searchParams.set('iss', issuer);
    const res = await callback(forged, s.state);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin?sso_error=exchange_failed');
    expect(res.body).toBe('');
  });

  it('answers 404 for an unknown provider, 400 for a returnTo that leaves the site', async () => {
    const unknown = await start('/', 'nope');
    expect(unknown.res.statusCode).toBe(404);
    expect(unknown.res.json().code).toBe('AUTH.SSO_PROVIDER_NOT_FOUND');
    for (const bad of ['//evil.example', '/\\evil.example', 'https://evil.example/', 'evil', '/ok\n']) {
      const r = await start(bad);
      expect(r.res.statusCode, bad).toBe(400);
      expect(r.state).toBeUndefined();
    }
  });

  it('documents the routes in the OpenAPI document', async () => {
    const doc = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
    expect(doc.paths['/api/brain/auth/oidc/providers'].get.responses['200']).toBeDefined();
    expect(doc.paths['/api/brain/auth/oidc/{provider}/start'].get.responses['302']).toBeDefined();
    expect(doc.paths['/api/brain/auth/oidc/{provider}/callback'].get.responses['303']).toBeDefined();
  });

  it('an unreachable provider sends the browser back to sign-in', async () => {
    const { res } = await start('/', 'down');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/signin?sso_error=provider_unavailable');
  });
});
