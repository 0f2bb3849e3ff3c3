import { randomUUID } from 'node:crypto';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';

/** Helpers for the identity HTTP tests: unique addresses and IPs, sign-up, sign-in, problems. */

let ipCounter = 0;
/** A fresh client IP, so the per-IP rate limits of different tests never meet. */
export function nextIp() {
  ipCounter++;
  return `10.${(process.pid % 250) + 1}.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

export const newEmail = (tag = 'u') => `${tag}-${randomUUID()}@example.com`;
export const PASSWORD = 'correct horse battery staple 42';

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  errors?: { field: string; message: string }[];
}

export function problemOf(res: LightMyRequestResponse): ProblemBody {
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  return res.json() as ProblemBody;
}

/** Asserts status and problem code, and returns the problem. */
export function expectProblem(res: LightMyRequestResponse, status: number, code: string): ProblemBody {
  expect({ status: res.statusCode, body: res.body }).toMatchObject({ status });
  const p = problemOf(res);
  expect(p.code).toBe(code);
  expect(p.status).toBe(status);
  return p;
}

export function inject(app: FastifyInstance, opts: InjectOptions & { ip?: string }) {
  const { ip, ...rest } = opts;
  return app.inject({ ...rest, remoteAddress: ip ?? rest.remoteAddress ?? nextIp() });
}

export async function signupHttp(
  app: FastifyInstance,
  opts: { email?: string; password?: string; tenantName?: string; ip?: string } = {},
) {
  const email = opts.email ?? newEmail();
  const res = await inject(app, {
    method: 'POST',
    url: '/api/brain/auth/signup',
    ip: opts.ip,
    payload: {
      email,
      password: opts.password ?? PASSWORD,
      name: 'Test User',
      tenantName: opts.tenantName ?? `Shop ${email.slice(0, 12)}`,
    },
  });
  return { res, email };
}

export interface TestUser {
  email: string;
  password: string;
  userId: string;
  tenantId: string;
}

/** Signs up over HTTP, then marks the address verified in the database (for tests that do not read mail). */
export async function createVerifiedUser(app: FastifyInstance, password = PASSWORD): Promise<TestUser> {
  const { res, email } = await signupHttp(app, { password });
  expect(res.statusCode).toBe(202);
  const { rows } = await app.hub.db.admin.query(
    `update identity.users set email_verified_at = now() where email = $1
     returning id, (select tenant_id from identity.memberships m where m.user_id = identity.users.id) as tenant_id`,
    [email],
  );
  return { email, password, userId: rows[0].id, tenantId: rows[0].tenant_id };
}

export interface TokenPair {
  access_token: string;
  refresh_token: string;
  token_type: string;
  expires_in: number;
}

/** OAuth2 password grant (JSON body); fails the test unless it answers 200. */
export async function passwordGrant(
  app: FastifyInstance,
  email: string,
  password: string,
  ip?: string,
): Promise<TokenPair> {
  const res = await inject(app, {
    method: 'POST',
    url: '/api/brain/auth/token',
    ip,
    payload: { grant_type: 'password', username: email, password },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TokenPair;
}

/** A platform operator (a fresh verified user marked is_operator), signed in: their id and access token. */
export async function createOperator(app: FastifyInstance): Promise<{ userId: string; token: string }> {
  const op = await createVerifiedUser(app);
  await app.hub.db.admin.query('update identity.users set is_operator = true where id = $1', [op.userId]);
  return { userId: op.userId, token: (await passwordGrant(app, op.email, op.password)).access_token };
}

export function tokenRequest(app: FastifyInstance, body: Record<string, string>, ip?: string) {
  return inject(app, {
    method: 'POST',
    url: '/api/brain/auth/token',
    ip,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams(body).toString(),
  });
}

export function me(app: FastifyInstance, token: string) {
  return inject(app, { method: 'GET', url: '/api/brain/auth/me', headers: bearer(token) });
}

export function decodeJwtPart(token: string, i: 0 | 1): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[i]!, 'base64url').toString('utf8'));
}

/** Fixed-window limits reset on the window edge; start a limit test well inside a window. */
export async function awayFromWindowEdge(windowSeconds: number, marginSeconds = 8) {
  const into = (Date.now() / 1000) % windowSeconds;
  if (windowSeconds - into < marginSeconds)
    await new Promise((r) => setTimeout(r, (windowSeconds - into + 0.2) * 1000));
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** Retries `fn` until it stops throwing (for effects written after the response), up to `ms`. */
export async function eventually<T>(fn: () => Promise<T>, ms = 5_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      return await fn();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}
