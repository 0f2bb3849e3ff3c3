import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';
import {
  auditOf,
  call,
  expectStatus,
  memberOf,
  PASSWORD,
  signUpUser,
  type TestUser,
  tokenFor,
  uniqueEmail,
} from './identity-access-fixtures.js';

let app: FastifyInstance;
let owner: TestUser;
let other: TestUser & { memberId: string };
let keyId: string;
let invitationId: string;
let start: string;
beforeAll(async () => {
  app = await buildTestApp();
  owner = await signUpUser(app, { prefix: 'audit-owner' });
  start = new Date().toISOString();
  other = await memberOf(app, owner.tenantId, 'member', 'audit-member');
  const t = owner.token;
  // A failed sign-in (audited in every tenant of the account).
  const failed = await call(app, 'POST', '/api/brain/auth/token', {
    body: { grant_type: 'password', username: other.email, password: 'Not-The-Password-99' },
  });
  expect(failed.statusCode).toBe(400);
  expectStatus(
    await call(app, 'PATCH', `/api/brain/identity/members/${other.memberId}`, {
      token: t,
      body: { role: 'viewer' },
    }),
    200,
  );
  invitationId = expectStatus(
    await call(app, 'POST', '/api/brain/identity/invitations', {
      token: t,
      body: { email: uniqueEmail('audit-inv'), role: 'member' },
    }),
    201,
  ).json().id;
  expectStatus(
    await call(app, 'DELETE', `/api/brain/identity/invitations/${invitationId}`, { token: t }),
    200,
  );
  keyId = expectStatus(
    await call(app, 'POST', '/api/brain/identity/api-keys', {
      token: t,
      body: { name: 'audited', scopes: ['crm:read'] },
    }),
    201,
  ).json().id;
  expectStatus(await call(app, 'DELETE', `/api/brain/identity/api-keys/${keyId}`, { token: t }), 200);
  // The member changes their password and switches between their tenants.
  const otherToken = await tokenFor(app, other.email, PASSWORD, owner.tenantId);
  expectStatus(
    await call(app, 'POST', '/api/brain/auth/password/change', {
      token: otherToken,
      body: { currentPassword: PASSWORD, newPassword: 'Another-Long-Passphrase-77' },
    }),
    200,
  );
  expectStatus(
    await call(app, 'POST', '/api/brain/auth/switch-tenant', {
      token: otherToken,
      body: { tenantId: other.tenantId },
    }),
    200,
  );
  expectStatus(
    await call(app, 'POST', '/api/brain/auth/switch-tenant', {
      token: otherToken,
      body: { tenantId: owner.tenantId },
    }),
    200,
  );
});
afterAll(async () => {
  await app?.close();
});

describe('audit log', () => {
  it('records sign-ins, failures, role changes, invitations, keys, password changes and switches with actor and target', async () => {
    const { items } = await auditOf(app, owner.token, 'limit=200');
    const find = (action: string, pred: (e: (typeof items)[number]) => boolean = () => true) => {
      const hit = items.find((e) => e.action === action && pred(e));
      expect(hit, `${action} in ${items.map((e) => e.action).join(', ')}`).toBeDefined();
      return hit!;
    };
    expect(find('signin.succeeded', (e) => e.actorId === other.userId)).toMatchObject({
      actorEmail: other.email,
      targetType: 'session',
    });
    expect(find('signin.failed')).toMatchObject({
      actorKind: 'anonymous',
      actorEmail: other.email,
      targetId: other.userId,
      data: { reason: 'wrong_password' },
    });
    expect(find('member.role_changed')).toMatchObject({
      actorId: owner.userId,
      actorEmail: owner.email,
      targetId: other.userId,
      data: { from: 'member', to: 'viewer' },
    });
    expect(find('invitation.created')).toMatchObject({
      actorId: owner.userId,
      targetType: 'invitation',
      targetId: invitationId,
    });
    expect(find('invitation.revoked')).toMatchObject({ actorId: owner.userId, targetId: invitationId });
    expect(find('api_key.created')).toMatchObject({
      actorId: owner.userId,
      targetType: 'api_key',
      targetId: keyId,
      data: { scopes: ['crm:read'] },
    });
    expect(find('api_key.revoked')).toMatchObject({ actorId: owner.userId, targetId: keyId });
    expect(find('password.changed')).toMatchObject({ actorId: other.userId, targetId: other.userId });
    expect(find('tenant.switched')).toMatchObject({
      actorId: other.userId,
      targetType: 'tenant',
      targetId: owner.tenantId,
    });
    // Request metadata is kept; secrets never are.
    expect(find('api_key.created').ip).toMatch(/^10\./);
    expect(JSON.stringify(items)).not.toMatch(/bzk_|Not-The-Password|Another-Long-Passphrase/);
  });

  it('filters by action prefix, actor and time, and pages with a cursor', async () => {
    const keys = await auditOf(app, owner.token, 'action=api_key');
    expect(keys.items.map((e) => e.action).sort()).toEqual(['api_key.created', 'api_key.revoked']);
    expect((await auditOf(app, owner.token, 'action=api_key.created')).items).toHaveLength(1);
    expect((await auditOf(app, owner.token, 'action=api')).items).toHaveLength(0);

    const byOther = await auditOf(app, owner.token, `actorId=${other.userId}`);
    expect(byOther.items.length).toBeGreaterThanOrEqual(3);
    expect(byOther.items.every((e) => e.actorId === other.userId)).toBe(true);

    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await auditOf(app, owner.token, `from=${encodeURIComponent(future)}`)).items).toHaveLength(0);
    const all = await auditOf(app, owner.token, 'limit=200');
    const windowed = await auditOf(
      app,
      owner.token,
      `from=${encodeURIComponent(start)}&to=${encodeURIComponent(future)}&limit=200`,
    );
    expect(windowed.items.length).toBeGreaterThan(0);
    expect(windowed.items.every((e) => e.at >= start)).toBe(true);
    expect(all.items.length).toBeGreaterThan(windowed.items.length); // the sign-up came before `start`

    const paged: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await auditOf(app, owner.token, `limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      paged.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor && pages < 100);
    expect(paged).toEqual(all.items.map((e) => e.id));
    expect(all.nextCursor).toBeNull();

    expectStatus(await call(app, 'GET', '/api/brain/identity/audit?limit=0', { token: owner.token }), 400);
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/audit?from=yesterday', { token: owner.token }),
      400,
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/audit?cursor=bm9wZQ', { token: owner.token }),
      400,
      'IDENTITY.CURSOR_INVALID',
    );
  });

  it('pages through entries that share a timestamp, and the action filter is a literal prefix', async () => {
    // Entries written in one transaction share `at` (now() is the transaction's start).
    await app.hub.db.admin.query(
      `insert into identity.audit_log (tenant_id, id, action, actor_kind)
       select $1, gen_random_uuid(), a, 'system' from unnest(array['batch.one', 'batch.two', 'batch.three', 'batchXone.fake']) a`,
      [owner.tenantId],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let i = 0; i < 10; i++) {
      const page = await auditOf(
        app,
        owner.token,
        `action=batch&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      seen.push(...page.items.map((e) => e.action));
      cursor = page.nextCursor;
      if (!cursor) break;
    }
    expect(seen.sort()).toEqual(['batch.one', 'batch.three', 'batch.two']);
    // `_` and `%` are not wildcards.
    await app.hub.db.admin.query(
      `insert into identity.audit_log (tenant_id, id, action, actor_kind) values ($1, gen_random_uuid(), 'apiXkey.fake', 'system')`,
      [owner.tenantId],
    );
    expect((await auditOf(app, owner.token, 'action=api_key')).items.map((e) => e.action)).not.toContain(
      'apiXkey.fake',
    );
    expect((await auditOf(app, owner.token, 'action=%25')).items).toHaveLength(0);
  });

  it('is append-only, even for the owner pool', async () => {
    const { items } = await auditOf(app, owner.token, 'limit=1');
    const id = items[0]!.id;
    await expect(
      app.hub.db.admin.query(`update identity.audit_log set action = 'x' where tenant_id = $1 and id = $2`, [
        owner.tenantId,
        id,
      ]),
    ).rejects.toThrow(/append-only/);
    await expect(
      app.hub.db.admin.query(`delete from identity.audit_log where tenant_id = $1 and id = $2`, [
        owner.tenantId,
        id,
      ]),
    ).rejects.toThrow(/append-only/);
    // The app role has no UPDATE or DELETE privilege at all.
    const { rows } = await app.hub.db.admin.query(
      `select has_table_privilege('bizosaas_app', 'identity.audit_log', 'UPDATE') as u, has_table_privilege('bizosaas_app', 'identity.audit_log', 'DELETE') as d`,
    );
    expect(rows[0]).toEqual({ u: false, d: false });
    expect((await auditOf(app, owner.token, 'limit=1')).items[0]!.action).toBe(items[0]!.action);
  });

  it('another tenant sees none of it', async () => {
    const stranger = await signUpUser(app, { prefix: 'audit-stranger' });
    const theirs = await auditOf(app, stranger.token, 'limit=200');
    expect(JSON.stringify(theirs.items)).not.toContain(owner.userId);
    expect((await auditOf(app, stranger.token, `actorId=${owner.userId}`)).items).toHaveLength(0);
  });
});
