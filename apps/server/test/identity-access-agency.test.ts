import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ACCOUNTS } from '../src/modules/identity/index.js';
import { buildTestApp, createTestTenant } from './helpers.js';
import {
  call,
  expectStatus,
  memberOf,
  membershipId,
  signUpUser,
  type TestUser,
  tokenFor,
} from './identity-access-fixtures.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp();
});
afterAll(async () => {
  await app?.close();
});

const switchTo = (token: string, tenantId: string) =>
  call(app, 'POST', '/api/brain/auth/switch-tenant', { token, body: { tenantId } });

describe('agency → client access', () => {
  let agency: TestUser;
  let client: { id: string; parentId: string | null; kind: string };
  beforeAll(async () => {
    agency = await signUpUser(app, { kind: 'agency', prefix: 'agency' });
    client = expectStatus(
      await call(app, 'POST', '/api/brain/identity/clients', {
        token: agency.token,
        body: { name: 'Client Co' },
      }),
      201,
    ).json();
  });

  it('an agency opens a client; a business cannot', async () => {
    expect(client).toMatchObject({ parentId: agency.tenantId, kind: 'business' });
    const clients = expectStatus(
      await call(app, 'GET', '/api/brain/identity/clients', { token: agency.token }),
      200,
    ).json().items;
    expect(clients.map((c: { id: string }) => c.id)).toEqual([client.id]);
    // The agency member who opened it is admin there (through the agency).
    const inClient = expectStatus(await switchTo(agency.token, client.id), 200).json();
    expect(inClient.role).toBe('admin');
    const members = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: inClient.accessToken }),
      200,
    ).json().items;
    expect(members).toEqual([
      expect.objectContaining({ userId: agency.userId, role: 'admin', source: 'agency' }),
    ]);

    const business = await signUpUser(app, { prefix: 'not-agency' });
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/clients', {
        token: business.token,
        body: { name: 'Nope' },
      }),
      400,
      'IDENTITY.NOT_AGENCY',
    );
    // A client's own token does not see the agency's other clients or the agency itself.
    const t = expectStatus(
      await call(app, 'GET', '/api/brain/identity/tenant', { token: inClient.accessToken }),
      200,
    ).json();
    expect(t.id).toBe(client.id);
  });

  it('grant → switch → read members; withdraw → 404 and the old client token is 401', async () => {
    const staff = await memberOf(app, agency.tenantId, 'member', 'staff');
    expectStatus(await switchTo(staff.token, client.id), 404, 'AUTH.TENANT_NOT_FOUND');
    // Staff (member) cannot grant themselves.
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: staff.token,
        body: { role: 'admin' },
      }),
      403,
      'AUTH.FORBIDDEN',
    );
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: agency.token,
        body: { role: 'owner' },
      }),
      400,
    );
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: agency.token,
        body: { role: 'viewer' },
      }),
      200,
    );

    const switched = expectStatus(await switchTo(staff.token, client.id), 200).json();
    expect(switched).toMatchObject({ tenantId: client.id, role: 'viewer' });
    const members = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: switched.accessToken }),
      200,
    ).json().items;
    expect(members.find((m: { userId: string }) => m.userId === staff.userId)).toMatchObject({
      role: 'viewer',
      source: 'agency',
    });
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/audit', { token: switched.accessToken }),
      403,
      'AUTH.FORBIDDEN',
    );

    // Re-granting changes the role; the old client token is stale.
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: agency.token,
        body: { role: 'admin' },
      }),
      200,
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: switched.accessToken }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    const asAdmin = expectStatus(await switchTo(staff.token, client.id), 200).json();
    expect(asAdmin.role).toBe('admin');
    expectStatus(await call(app, 'GET', '/api/brain/identity/audit', { token: asAdmin.accessToken }), 200);

    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: agency.token,
      }),
      200,
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: asAdmin.accessToken }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    expectStatus(await switchTo(staff.token, client.id), 404, 'AUTH.TENANT_NOT_FOUND');
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: agency.token,
      }),
      404,
      'IDENTITY.ACCESS_NOT_FOUND',
    );
    // The staff member's agency token was not touched.
    expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: staff.token }), 200);
  });

  it('only agency staff, only its own clients', async () => {
    const outsider = await signUpUser(app, { prefix: 'outsider' });
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${outsider.userId}`, {
        token: agency.token,
        body: { role: 'viewer' },
      }),
      400,
      'IDENTITY.NOT_AGENCY_STAFF',
    );
    // A tenant that is not its client: someone else's business, another agency's client, the agency itself.
    const otherAgency = await signUpUser(app, { kind: 'agency', prefix: 'other-agency' });
    const foreignClient = await createTestTenant(app.hub, {
      kind: 'business',
      parentId: otherAgency.tenantId,
    });
    for (const target of [outsider.tenantId, foreignClient.id, agency.tenantId]) {
      expectStatus(
        await call(app, 'PUT', `/api/brain/identity/clients/${target}/staff/${agency.userId}`, {
          token: agency.token,
          body: { role: 'admin' },
        }),
        404,
        'IDENTITY.CLIENT_NOT_FOUND',
      );
      expectStatus(
        await call(app, 'DELETE', `/api/brain/identity/clients/${target}/staff/${agency.userId}`, {
          token: agency.token,
        }),
        404,
        'IDENTITY.CLIENT_NOT_FOUND',
      );
    }
    expectStatus(await switchTo(agency.token, foreignClient.id), 404);
    expectStatus(await switchTo(otherAgency.token, client.id), 404);
    const theirs = expectStatus(
      await call(app, 'GET', '/api/brain/identity/clients', { token: otherAgency.token }),
      200,
    ).json().items;
    expect(theirs.map((c: { id: string }) => c.id)).toEqual([foreignClient.id]);
  });

  it('a direct member of the client keeps their membership; removing staff from the agency ends their client access', async () => {
    const staff = await memberOf(app, agency.tenantId, 'admin', 'leaver');
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${staff.userId}`, {
        token: agency.token,
        body: { role: 'member' },
      }),
      200,
    );
    const inClient = expectStatus(await switchTo(staff.token, client.id), 200).json();
    expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: inClient.accessToken }), 200);

    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${staff.memberId}`, { token: agency.token }),
      200,
    );
    expect(await membershipId(app, client.id, staff.userId)).toBeUndefined();
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: inClient.accessToken }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    const own = await tokenFor(app, staff.email, undefined, staff.tenantId);
    expectStatus(await switchTo(own, client.id), 404);
    expectStatus(await switchTo(own, agency.tenantId), 404);

    // Someone who is staff and also a direct member of the client keeps the direct membership.
    const both = await memberOf(app, agency.tenantId, 'member', 'both');
    await app.hub.db.admin.query(
      `insert into identity.memberships (tenant_id, id, user_id, role) values ($1, gen_random_uuid(), $2, 'viewer')`,
      [client.id, both.userId],
    );
    expectStatus(
      await call(app, 'PUT', `/api/brain/identity/clients/${client.id}/staff/${both.userId}`, {
        token: agency.token,
        body: { role: 'admin' },
      }),
      409,
      'IDENTITY.ALREADY_MEMBER',
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/members/${both.memberId}`, { token: agency.token }),
      200,
    );
    expect(await membershipId(app, client.id, both.userId)).toBeDefined();
    const bothOwn = await tokenFor(app, both.email, undefined, both.tenantId);
    expect(expectStatus(await switchTo(bothOwn, client.id), 200).json().role).toBe('viewer');
  });
});

describe('demo seed', () => {
  it('creates the demo tenants and accounts, idempotently', async () => {
    const snapshot = async () =>
      (
        await app.hub.db.admin.query(
          `select (select count(*) from identity.tenants where slug in ('bizoholic', 'coreldove', 'harbor-dental'))::int as tenants,
             (select count(*) from identity.users where email = any($1))::int as users,
             (select count(*) from identity.memberships m join identity.users u on u.id = m.user_id where u.email = any($1))::int as memberships,
             (select string_agg(password_hash, ',' order by email) from identity.users where email = any($1)) as hashes`,
          [DEMO_ACCOUNTS.map((a) => a.email)],
        )
      ).rows[0];
    // The shared database may already be seeded by another test: that is the point of idempotence.
    const seeded = await buildTestApp({ SEED_DEMO: 'true' });
    try {
      const first = await snapshot();
      expect(first).toMatchObject({ tenants: 3, users: DEMO_ACCOUNTS.length });
      expect(first.memberships).toBeGreaterThanOrEqual(6);
      const { rows } = await seeded.hub.db.admin.query(
        `select c.slug, c.kind, p.slug as parent from identity.tenants c left join identity.tenants p on p.id = c.parent_id
         where c.slug in ('bizoholic', 'coreldove', 'harbor-dental') order by c.slug`,
      );
      expect(rows).toEqual([
        { slug: 'bizoholic', kind: 'agency', parent: null },
        { slug: 'coreldove', kind: 'business', parent: 'bizoholic' },
        { slug: 'harbor-dental', kind: 'business', parent: 'bizoholic' },
      ]);

      for (const a of DEMO_ACCOUNTS) await tokenFor(seeded, a.email, seeded.hub.config.DEMO_PASSWORD);
      const staff = await tokenFor(seeded, 'staff@bizoholic.dev', seeded.hub.config.DEMO_PASSWORD);
      for (const slug of ['coreldove', 'harbor-dental']) {
        const id = (
          await seeded.hub.db.admin.query('select id from identity.tenants where slug = $1', [slug])
        ).rows[0].id;
        const res = expectStatus(
          await call(seeded, 'POST', '/api/brain/auth/switch-tenant', {
            token: staff,
            body: { tenantId: id },
          }),
          200,
        ).json();
        expect(res.role).toBe('admin');
      }

      // Seeding again changes nothing.
      const again = await buildTestApp({ SEED_DEMO: 'true' });
      await again.close();
      expect(await snapshot()).toEqual(first);
    } finally {
      await seeded.close();
    }
  });
});
