import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';
import {
  call,
  expectStatus,
  memberOf,
  membershipId,
  signUpUser,
  type TestUser,
  tokenFor,
  uniqueEmail,
} from './identity-access-fixtures.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

describe('every route declares its access rule', () => {
  it('each OpenAPI operation is public, operator-only or needs a permission, and the others carry security', async () => {
    const doc = expectStatus(await call(app, 'GET', '/docs/json'), 200).json() as {
      paths: Record<string, Record<string, { security?: unknown[] }>>;
    };
    const records = app.hub.routes;
    const offenders: string[] = [];
    const missingSecurity: string[] = [];
    let operations = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      // OpenAPI writes :id as {id}.
      const url = path.replace(/\{([^}]+)\}/g, ':$1');
      for (const [method, op] of Object.entries(ops)) {
        if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
        operations++;
        const rec = records.find((r) => r.method === method.toUpperCase() && r.url === url);
        if (!rec || !(rec.public || rec.operator || rec.permission))
          offenders.push(`${method.toUpperCase()} ${url}`);
        else if (!rec.public && !op.security?.length) missingSecurity.push(`${method.toUpperCase()} ${url}`);
      }
    }
    expect(operations).toBeGreaterThan(30);
    expect(offenders, `routes without an access rule: ${offenders.join(', ')}`).toEqual([]);
    expect(missingSecurity, `protected operations without security: ${missingSecurity.join(', ')}`).toEqual(
      [],
    );

    const rule = (method: string, url: string) => records.find((r) => r.method === method && r.url === url);
    for (const [m, u] of [
      ['POST', '/api/brain/auth/signup'],
      ['POST', '/api/brain/auth/token'],
      ['GET', '/health'],
      ['GET', '/api/brain/auth/invitations/lookup'],
    ] as const) {
      expect(rule(m, u)?.public, `${m} ${u} is public`).toBe(true);
      expect(doc.paths[u.replace(/:(\w+)/g, '{$1}')]?.[m.toLowerCase()]?.security ?? []).toEqual([]);
    }
    expect(rule('GET', '/api/brain/identity/audit')?.permission).toBe('identity:admin');
    expect(rule('GET', '/api/brain/identity/members')?.permission).toBe('identity:read');
    expect(doc.paths['/api/brain/identity/members/{id}']?.patch?.security).toEqual([{ bearer: [] }]);
  });

  it('a protected route without credentials answers 401 with a Bearer challenge', async () => {
    const res = expectStatus(await call(app, 'GET', '/api/brain/identity/members'), 401, 'AUTH.REQUIRED');
    expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
  });
});

describe('tenant isolation', () => {
  let a: TestUser;
  let b: TestUser;
  let aMemberId: string;
  let aInvitationId: string;
  let aKeyId: string;
  beforeAll(async () => {
    [a, b] = await Promise.all([signUpUser(app, { prefix: 'iso-a' }), signUpUser(app, { prefix: 'iso-b' })]);
    aMemberId = (await memberOf(app, a.tenantId, 'member', 'iso-a-m')).memberId;
    aInvitationId = expectStatus(
      await call(app, 'POST', '/api/brain/identity/invitations', {
        token: a.token,
        body: { email: uniqueEmail('iso-inv'), role: 'viewer' },
      }),
      201,
    ).json().id;
    aKeyId = expectStatus(
      await call(app, 'POST', '/api/brain/identity/api-keys', {
        token: a.token,
        body: { name: 'a key', scopes: ['identity:read'] },
      }),
      201,
    ).json().id;
  });

  it("B gets 404 for A's member, invitation and API key ids, and A's rows are untouched", async () => {
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${aMemberId}`, {
        token: b.token,
        body: { role: 'admin' },
      }),
      404,
      'IDENTITY.MEMBER_NOT_FOUND',
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${aMemberId}`, { token: b.token }),
      404,
      'IDENTITY.MEMBER_NOT_FOUND',
    );
    const aOwnerMember = await membershipId(app, a.tenantId, a.userId);
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${aOwnerMember}`, { token: b.token }),
      404,
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/invitations/${aInvitationId}`, { token: b.token }),
      404,
      'IDENTITY.INVITATION_NOT_FOUND',
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/api-keys/${aKeyId}`, { token: b.token }),
      404,
      'IDENTITY.API_KEY_NOT_FOUND',
    );

    const { rows } = await app.hub.db.admin.query(
      `select (select role from identity.memberships where tenant_id = $1 and id = $2) as role,
         (select revoked_at from identity.invitations where tenant_id = $1 and id = $3) as inv,
         (select revoked_at from identity.api_keys where tenant_id = $1 and id = $4) as key`,
      [a.tenantId, aMemberId, aInvitationId, aKeyId],
    );
    expect(rows[0]).toEqual({ role: 'member', inv: null, key: null });
  });

  it("B's lists never show A's rows", async () => {
    const ids = (res: { json(): { items: { id: string; userId?: string; targetId?: string | null }[] } }) =>
      res.json().items.flatMap((i) => [i.id, i.userId, i.targetId]);
    const members = ids(
      expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: b.token }), 200),
    );
    expect(members).toContain(b.userId);
    expect(members).not.toContain(a.userId);
    expect(members).not.toContain(aMemberId);
    expect(
      ids(expectStatus(await call(app, 'GET', '/api/brain/identity/invitations', { token: b.token }), 200)),
    ).not.toContain(aInvitationId);
    expect(
      ids(expectStatus(await call(app, 'GET', '/api/brain/identity/api-keys', { token: b.token }), 200)),
    ).not.toContain(aKeyId);
    const audit = expectStatus(
      await call(app, 'GET', '/api/brain/identity/audit?limit=200', { token: b.token }),
      200,
    ).json();
    expect(audit.items.length).toBeGreaterThan(0);
    const seen = JSON.stringify(audit.items);
    for (const foreign of [a.userId, a.email, aInvitationId, aKeyId, aMemberId])
      expect(seen).not.toContain(foreign);
    // A sees its own rows (the lists work at all).
    expect(
      ids(expectStatus(await call(app, 'GET', '/api/brain/identity/api-keys', { token: a.token }), 200)),
    ).toContain(aKeyId);
    const tenant = expectStatus(
      await call(app, 'GET', '/api/brain/identity/tenant', { token: b.token }),
      200,
    ).json();
    expect(tenant.id).toBe(b.tenantId);
  });

  it('B cannot switch into A, nor sign in to it', async () => {
    expectStatus(
      await call(app, 'POST', '/api/brain/auth/switch-tenant', {
        token: b.token,
        body: { tenantId: a.tenantId },
      }),
      404,
      'AUTH.TENANT_NOT_FOUND',
    );
    const res = await call(app, 'POST', '/api/brain/auth/token', {
      body: {
        grant_type: 'password',
        username: b.email,
        password: 'Quiet-Harbor-Lantern-2048',
        tenant_id: a.tenantId,
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toBe('invalid_grant');
  });

  it("B's API key reads only B's data", async () => {
    const key = expectStatus(
      await call(app, 'POST', '/api/brain/identity/api-keys', {
        token: b.token,
        body: { name: 'b reader', scopes: ['identity:read'] },
      }),
      201,
    ).json().key as string;
    const members = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: key }),
      200,
    ).json().items;
    expect(members.map((m: { userId: string }) => m.userId)).toEqual([b.userId]);
    const tenant = expectStatus(
      await call(app, 'GET', '/api/brain/identity/tenant', { token: key }),
      200,
    ).json();
    expect(tenant.id).toBe(b.tenantId);
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${aMemberId}`, {
        token: key,
        body: { role: 'admin' },
      }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectStatus(
      await call(app, 'POST', '/api/brain/auth/switch-tenant', {
        token: key,
        body: { tenantId: a.tenantId },
      }),
      403,
    );
  });
});

describe('roles', () => {
  let owner: TestUser;
  beforeAll(async () => {
    owner = await signUpUser(app, { prefix: 'roles-owner' });
  });

  it('viewer and member cannot invite, create API keys or read the audit log; admin can', async () => {
    const [viewer, member, admin] = await Promise.all([
      memberOf(app, owner.tenantId, 'viewer'),
      memberOf(app, owner.tenantId, 'member'),
      memberOf(app, owner.tenantId, 'admin'),
    ]);
    for (const u of [viewer, member]) {
      expectStatus(
        await call(app, 'POST', '/api/brain/identity/invitations', {
          token: u.token,
          body: { email: uniqueEmail('x'), role: 'viewer' },
        }),
        403,
        'AUTH.FORBIDDEN',
      );
      expectStatus(
        await call(app, 'POST', '/api/brain/identity/api-keys', {
          token: u.token,
          body: { name: 'k', scopes: ['crm:read'] },
        }),
        403,
        'AUTH.FORBIDDEN',
      );
      expectStatus(
        await call(app, 'GET', '/api/brain/identity/audit', { token: u.token }),
        403,
        'AUTH.FORBIDDEN',
      );
      expectStatus(
        await call(app, 'PATCH', `/api/brain/identity/members/${admin.memberId}`, {
          token: u.token,
          body: { role: 'viewer' },
        }),
        403,
        'AUTH.FORBIDDEN',
      );
      // Reading the member list is identity:read, which both have.
      expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: u.token }), 200);
    }
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/invitations', {
        token: admin.token,
        body: { email: uniqueEmail('by-admin'), role: 'member' },
      }),
      201,
    );
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/api-keys', {
        token: admin.token,
        body: { name: 'k', scopes: ['crm:read'] },
      }),
      201,
    );
    expectStatus(await call(app, 'GET', '/api/brain/identity/audit', { token: admin.token }), 200);
    // An admin may change non-owners.
    const changed = expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${viewer.memberId}`, {
        token: admin.token,
        body: { role: 'member' },
      }),
      200,
    ).json();
    expect(changed.role).toBe('member');
  });

  it('only an owner can invite an owner or change owners; the last owner stays', async () => {
    const admin = await memberOf(app, owner.tenantId, 'admin', 'roles-admin2');
    const ownerMember = (await membershipId(app, owner.tenantId, owner.userId))!;
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/invitations', {
        token: admin.token,
        body: { email: uniqueEmail('o'), role: 'owner' },
      }),
      403,
      'IDENTITY.OWNER_REQUIRED',
    );
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${admin.memberId}`, {
        token: admin.token,
        body: { role: 'owner' },
      }),
      403,
      'IDENTITY.OWNER_REQUIRED',
    );
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${ownerMember}`, {
        token: admin.token,
        body: { role: 'admin' },
      }),
      403,
      'IDENTITY.OWNER_REQUIRED',
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${ownerMember}`, { token: admin.token }),
      403,
      'IDENTITY.OWNER_REQUIRED',
    );

    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${ownerMember}`, {
        token: owner.token,
        body: { role: 'admin' },
      }),
      409,
      'IDENTITY.LAST_OWNER',
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${ownerMember}`, { token: owner.token }),
      409,
      'IDENTITY.LAST_OWNER',
    );
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/invitations', {
        token: owner.token,
        body: { email: uniqueEmail('o2'), role: 'owner' },
      }),
      201,
    );

    // With a second owner, the first may step down (and its token is then stale).
    const promoted = expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${admin.memberId}`, {
        token: owner.token,
        body: { role: 'owner' },
      }),
      200,
    ).json();
    expect(promoted.role).toBe('owner');
    const second = await tokenFor(app, admin.email, undefined, owner.tenantId);
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${ownerMember}`, {
        token: second,
        body: { role: 'admin' },
      }),
      200,
    );
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${admin.memberId}`, {
        token: second,
        body: { role: 'admin' },
      }),
      409,
      'IDENTITY.LAST_OWNER',
    );
    // Restore, for the tests below.
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${ownerMember}`, {
        token: second,
        body: { role: 'owner' },
      }),
      200,
    );
    owner.token = await tokenFor(app, owner.email, undefined, owner.tenantId);
  });

  it("a removed member's token is refused at once and they cannot switch back in", async () => {
    const gone = await memberOf(app, owner.tenantId, 'admin', 'roles-gone');
    expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: gone.token }), 200);
    // Removed in the same second the token was issued: still refused.
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${gone.memberId}`, { token: owner.token }),
      200,
    );
    const res = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: gone.token }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    expect(res.headers['www-authenticate']).toMatch(/invalid_token/);
    // Their own tenant's token still works, but it cannot switch back.
    const own = await tokenFor(app, gone.email, undefined, gone.tenantId);
    expectStatus(
      await call(app, 'POST', '/api/brain/auth/switch-tenant', {
        token: own,
        body: { tenantId: owner.tenantId },
      }),
      404,
      'AUTH.TENANT_NOT_FOUND',
    );
    const members = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: owner.token }),
      200,
    ).json().items;
    expect(members.map((m: { userId: string }) => m.userId)).not.toContain(gone.userId);
  });

  it('a role change makes the old token stale; a fresh one carries the new role', async () => {
    const m = await memberOf(app, owner.tenantId, 'admin', 'roles-demoted');
    expectStatus(
      await call(app, 'PATCH', `/api/brain/identity/members/${m.memberId}`, {
        token: owner.token,
        body: { role: 'viewer' },
      }),
      200,
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/audit', { token: m.token }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    const fresh = await tokenFor(app, m.email, undefined, owner.tenantId);
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/audit', { token: fresh }),
      403,
      'AUTH.FORBIDDEN',
    );
  });
});

describe('PATCH /identity/tenant', () => {
  it('validates brand colour and custom domain, and keeps a domain unique across tenants', async () => {
    const [a, b] = await Promise.all([
      signUpUser(app, { prefix: 'dom-a' }),
      signUpUser(app, { prefix: 'dom-b' }),
    ]);
    const bad = expectStatus(
      await call(app, 'PATCH', '/api/brain/identity/tenant', {
        token: a.token,
        body: { settings: { brandColor: 'red' } },
      }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('body.settings.brandColor');
    const badDomain = expectStatus(
      await call(app, 'PATCH', '/api/brain/identity/tenant', {
        token: a.token,
        body: { settings: { customDomain: 'not a domain' } },
      }),
      400,
    );
    expect(badDomain.json().detail).toMatch(/customDomain/);

    const domain = `shop-${a.tenantId.slice(-12)}.Example.COM`;
    const ok = expectStatus(
      await call(app, 'PATCH', '/api/brain/identity/tenant', {
        token: a.token,
        body: { name: 'Renamed', settings: { brandColor: '#1A2b3c', customDomain: domain } },
      }),
      200,
    ).json();
    expect(ok).toMatchObject({
      id: a.tenantId,
      name: 'Renamed',
      settings: { brandColor: '#1A2b3c', customDomain: domain.toLowerCase() },
    });
    const taken = expectStatus(
      await call(app, 'PATCH', '/api/brain/identity/tenant', {
        token: b.token,
        body: { settings: { customDomain: domain.toUpperCase() } },
      }),
      409,
    );
    expect(taken.json().code).toMatch(/CONFLICT|DOMAIN/);
    // Settings merge: a later patch keeps what it does not name.
    const again = expectStatus(
      await call(app, 'PATCH', '/api/brain/identity/tenant', {
        token: a.token,
        body: { settings: { brandColor: '#000000' } },
      }),
      200,
    ).json();
    expect(again.settings).toEqual({ brandColor: '#000000', customDomain: domain.toLowerCase() });
    // A member (identity:read) cannot change it.
    const m = await memberOf(app, a.tenantId, 'member', 'dom-m');
    expectStatus(
      await call(app, 'PATCH', '/api/brain/identity/tenant', { token: m.token, body: { name: 'x' } }),
      403,
      'AUTH.FORBIDDEN',
    );
  });
});
