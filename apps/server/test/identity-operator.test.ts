import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/modules/identity/tokens.js';
import {
  bearer,
  createOperator,
  createVerifiedUser,
  expectProblem,
  inject,
  passwordGrant,
  type TestUser,
} from './auth-helpers.js';
import { buildTestApp } from './helpers.js';

let app: FastifyInstance;
let owner: TestUser;
let ownerToken: string;
let operatorToken: string;
let operatorId: string;

beforeAll(async () => {
  app = await buildTestApp();
  owner = await createVerifiedUser(app);
  ownerToken = (await passwordGrant(app, owner.email, owner.password)).access_token;
  ({ userId: operatorId, token: operatorToken } = await createOperator(app));
});
afterAll(() => app.close());

const get = (url: string, token = operatorToken) => inject(app, { url, headers: bearer(token) });
const post = (url: string, payload: object = {}, token = operatorToken) =>
  inject(app, { method: 'POST', url, payload, headers: bearer(token) });

describe('platform operators', () => {
  it('are the only ones who reach the operator routes', async () => {
    for (const url of ['/api/brain/identity/operator/tenants', '/api/brain/identity/operator/users']) {
      expectProblem(await get(url, ownerToken), 403, 'AUTH.OPERATOR_ONLY');
    }
    expectProblem(
      await post(`/api/brain/identity/operator/tenants/${owner.tenantId}/suspend`, {}, ownerToken),
      403,
      'AUTH.OPERATOR_ONLY',
    );
  });

  it('search tenants and users', async () => {
    const { rows } = await app.hub.db.admin.query('select slug, name from identity.tenants where id = $1', [
      owner.tenantId,
    ]);
    const res = await get(`/api/brain/identity/operator/tenants?q=${encodeURIComponent(rows[0].slug)}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      total: 1,
      items: [{ id: owner.tenantId, name: rows[0].name, members: 1, status: 'active' }],
    });
    const users = await get(`/api/brain/identity/operator/users?q=${encodeURIComponent(owner.email)}`);
    expect(users.json()).toMatchObject({
      total: 1,
      items: [{ id: owner.userId, email: owner.email, emailVerified: true, tenants: 1 }],
    });
    expect(users.json().items[0].lastSignInAt).not.toBeNull();
    expectProblem(await get('/api/brain/identity/operator/tenants?limit=0'), 400, 'HTTP.VALIDATION_FAILED');
  });

  it('create agencies and their clients', async () => {
    const agency = await post('/api/brain/identity/operator/tenants', {
      name: 'Northwind Agency',
      kind: 'agency',
    });
    expect(agency.statusCode).toBe(201);
    const client = await post('/api/brain/identity/operator/tenants', {
      name: 'Northwind Client',
      kind: 'business',
      parentId: agency.json().id,
    });
    expect(client.statusCode).toBe(201);
    expect(client.json()).toMatchObject({ parentId: agency.json().id, kind: 'business' });
    const underBusiness = await post('/api/brain/identity/operator/tenants', {
      name: 'Nested',
      kind: 'business',
      parentId: client.json().id,
    });
    expectProblem(underBusiness, 400, 'IDENTITY.PARENT_NOT_AGENCY');
    const badSlug = await post('/api/brain/identity/operator/tenants', {
      name: 'X',
      kind: 'business',
      slug: 'Not A Slug',
    });
    expect(expectProblem(badSlug, 400, 'HTTP.VALIDATION_FAILED').errors?.[0]?.field).toBe('body.slug');
  });

  it('suspend a tenant: its members are out at once, its API keys stop; reactivation lets them back', async () => {
    const key = await inject(app, {
      method: 'POST',
      url: '/api/brain/identity/api-keys',
      headers: bearer(ownerToken),
      payload: { name: 'ci', scopes: ['identity:read'] },
    });
    expect(key.statusCode).toBe(201);
    const apiKey = key.json().key as string;
    expect((await get('/api/brain/identity/members', apiKey)).statusCode).toBe(200);

    expect(
      (
        await post(`/api/brain/identity/operator/tenants/${owner.tenantId}/suspend`, {
          reason: 'unpaid invoices',
        })
      ).statusCode,
    ).toBe(200);
    expectProblem(await get('/api/brain/identity/members', ownerToken), 401, 'AUTH.INVALID_TOKEN');
    expectProblem(await get('/api/brain/identity/members', apiKey), 401, 'AUTH.INVALID_TOKEN');
    // Signing in again does not open the suspended tenant.
    const again = await passwordGrant(app, owner.email, owner.password);
    expectProblem(await get('/api/brain/identity/members', again.access_token), 400, 'AUTH.TENANT_REQUIRED');
    const sw = await post('/api/brain/auth/switch-tenant', { tenantId: owner.tenantId }, again.access_token);
    expectProblem(sw, 404, 'AUTH.TENANT_NOT_FOUND');
    // The key stays refused once its cached verdict and the suspension marker are gone (the database says no).
    await app.hub.cache.del(`ts:${owner.tenantId}`);
    await app.hub.cache.del(`ak:${sha256(apiKey)}`);
    expectProblem(await get('/api/brain/identity/members', apiKey), 401, 'AUTH.INVALID_TOKEN');
    const listed = await get('/api/brain/identity/operator/tenants?status=suspended');
    expect(listed.json().items.map((t: { id: string }) => t.id)).toContain(owner.tenantId);

    expect((await post(`/api/brain/identity/operator/tenants/${owner.tenantId}/reactivate`)).statusCode).toBe(
      200,
    );
    const back = await passwordGrant(app, owner.email, owner.password);
    expect((await get('/api/brain/identity/members', back.access_token)).statusCode).toBe(200);

    const { rows } = await app.hub.db.admin.query(
      `select action, actor_id, data from identity.audit_log where tenant_id = $1 and action like 'tenant.%' order by at`,
      [owner.tenantId],
    );
    expect(rows.map((r) => r.action)).toEqual(['tenant.suspended', 'tenant.reactivated']);
    expect(rows[0]).toMatchObject({ actor_id: operatorId, data: { reason: 'unpaid invoices' } });
  });

  it('open any tenant as operator, with an audit entry in it', async () => {
    const res = await post('/api/brain/auth/switch-tenant', { tenantId: owner.tenantId });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ tenantId: owner.tenantId, role: 'admin' });
    expect((await get('/api/brain/identity/members', res.json().accessToken)).statusCode).toBe(200);
    const { rows } = await app.hub.db.admin.query(
      `select actor_id from identity.audit_log where tenant_id = $1 and action = 'operator.opened_tenant'`,
      [owner.tenantId],
    );
    expect(rows.map((r) => r.actor_id)).toContain(operatorId);
  });

  it('answer 404 for an unknown tenant', async () => {
    expectProblem(
      await post('/api/brain/identity/operator/tenants/00000000-0000-7000-8000-000000000000/suspend'),
      404,
      'IDENTITY.TENANT_NOT_FOUND',
    );
  });
});
