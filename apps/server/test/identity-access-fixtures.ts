import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { uniqueSlug } from './helpers.js';

/** A password that passes the policy (long, not common). */
export const PASSWORD = 'Quiet-Harbor-Lantern-2048';

let ipCounter = 0;
/** A fresh client address per call, so per-IP abuse limits never trip across tests. */
export function nextIp() {
  ipCounter++;
  return `10.${process.pid % 250}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
}

export function uniqueEmail(prefix = 'u') {
  return `${uniqueSlug(prefix)}@example.test`;
}

export interface Call {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
  ip?: string;
}

/** One HTTP call through inject, with a Bearer token when given. */
export function call(
  app: FastifyInstance,
  method: InjectOptions['method'],
  url: string,
  opts: Call = {},
): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  return app.inject({
    method,
    url,
    headers,
    remoteAddress: opts.ip ?? nextIp(),
    ...(opts.body !== undefined ? { payload: opts.body as InjectOptions['payload'] } : {}),
  });
}

/** Asserts the status, showing the body when it differs. */
export function expectStatus(res: LightMyRequestResponse, status: number, code?: string) {
  if (res.statusCode !== status) throw new Error(`expected ${status}, got ${res.statusCode}: ${res.body}`);
  if (code) expect(res.json().code).toBe(code);
  return res;
}

/** Password grant: an access token for `tenantId` (or the default tenant). */
export async function tokenFor(app: FastifyInstance, email: string, password = PASSWORD, tenantId?: string) {
  const res = await call(app, 'POST', '/api/brain/auth/token', {
    body: { grant_type: 'password', username: email, password, ...(tenantId ? { tenant_id: tenantId } : {}) },
  });
  expectStatus(res, 200);
  return res.json().access_token as string;
}

export interface TestUser {
  email: string;
  userId: string;
  /** The tenant the user owns (made at sign-up). */
  tenantId: string;
  token: string;
}

/** Signs up (owning a new tenant), marks the address verified and signs in with the password grant. */
export async function signUpUser(
  app: FastifyInstance,
  opts: { kind?: 'agency' | 'business'; prefix?: string } = {},
): Promise<TestUser> {
  const email = uniqueEmail(opts.prefix ?? 'user');
  const res = await call(app, 'POST', '/api/brain/auth/signup', {
    body: {
      email,
      password: PASSWORD,
      name: `Name ${email.split('@')[0]}`,
      tenantName: `Tenant of ${email.split('@')[0]}`,
      kind: opts.kind,
    },
  });
  expectStatus(res, 202);
  await app.hub.db.admin.query('update identity.users set email_verified_at = now() where email = $1', [
    email,
  ]);
  const token = await tokenFor(app, email);
  const me = expectStatus(await call(app, 'GET', '/api/brain/auth/me', { token }), 200).json();
  return { email, userId: me.user.id, tenantId: me.activeTenant.tenantId, token };
}

/** Adds an existing user to a tenant directly (owner pool), as if an invitation had been accepted. */
export async function addMember(
  app: FastifyInstance,
  tenantId: string,
  userId: string,
  role: string,
  source = 'direct',
) {
  const { rows } = await app.hub.db.admin.query(
    `insert into identity.memberships (tenant_id, id, user_id, role, source) values ($1, gen_random_uuid(), $2, $3, $4) returning id`,
    [tenantId, userId, role, source],
  );
  return rows[0].id as string;
}

/** A user who is a member of `tenantId` with `role`, with a token for that tenant. */
export async function memberOf(
  app: FastifyInstance,
  tenantId: string,
  role: string,
  prefix = role,
): Promise<TestUser & { memberId: string }> {
  const u = await signUpUser(app, { prefix });
  const memberId = await addMember(app, tenantId, u.userId, role);
  const token = await tokenFor(app, u.email, PASSWORD, tenantId);
  return { ...u, token, memberId };
}

/** The membership id of a user in a tenant. */
export async function membershipId(app: FastifyInstance, tenantId: string, userId: string) {
  const { rows } = await app.hub.db.admin.query(
    `select id from identity.memberships where tenant_id = $1 and user_id = $2`,
    [tenantId, userId],
  );
  return rows[0]?.id as string | undefined;
}

/** Audit entries of a tenant, through the API (newest first). */
export async function auditOf(app: FastifyInstance, token: string, query = '') {
  const res = expectStatus(
    await call(app, 'GET', `/api/brain/identity/audit${query ? `?${query}` : ''}`, { token }),
    200,
  );
  return res.json() as {
    items: {
      id: string;
      action: string;
      actorKind: string;
      actorId: string | null;
      actorEmail: string | null;
      targetType: string | null;
      targetId: string | null;
      ip: string | null;
      at: string;
      data: Record<string, unknown>;
    }[];
    nextCursor: string | null;
  };
}
