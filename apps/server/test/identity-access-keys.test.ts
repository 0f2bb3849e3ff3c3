import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';
import { call, expectStatus, signUpUser, type TestUser, uniqueEmail } from './identity-access-fixtures.js';

let app: FastifyInstance;
let owner: TestUser;
beforeAll(async () => {
  app = await buildTestApp();
  owner = await signUpUser(app, { prefix: 'keys' });
});
afterAll(async () => {
  await app?.close();
});

async function createKey(scopes: string[], name = 'integration') {
  const res = expectStatus(
    await call(app, 'POST', '/api/brain/identity/api-keys', { token: owner.token, body: { name, scopes } }),
    201,
  );
  return res.json() as {
    id: string;
    key: string;
    prefix: string;
    scopes: string[];
    lastUsedAt: string | null;
  };
}

const tokenRequest = (body: Record<string, string | undefined>, headers: Record<string, string> = {}) =>
  call(app, 'POST', '/api/brain/auth/token', { body, headers });

describe('API keys', () => {
  it('shows the key once; the list shows only the prefix', async () => {
    const created = await createKey(['identity:read']);
    expect(created.key).toMatch(/^bzk_[A-Za-z0-9_-]{43}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix.replace('…', ''))).toBe(true);
    const list = expectStatus(
      await call(app, 'GET', '/api/brain/identity/api-keys', { token: owner.token }),
      200,
    );
    expect(list.body).not.toContain(created.key);
    expect(list.body).not.toContain(created.key.slice(-43)); // the secret (base64url may itself contain _)
    const row = list.json().items.find((k: { id: string }) => k.id === created.id);
    expect(row).toMatchObject({
      id: created.id,
      prefix: created.prefix,
      scopes: ['identity:read'],
      revokedAt: null,
    });
    expect(row).not.toHaveProperty('key');
    // Only a hash is stored.
    const { rows } = await app.hub.db.admin.query('select secret_hash from identity.api_keys where id = $1', [
      created.id,
    ]);
    expect(created.key).not.toContain(rows[0].secret_hash);
  });

  it('rejects unknown scopes and a past expiry', async () => {
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/api-keys', {
        token: owner.token,
        body: { name: 'x', scopes: ['identity:admin'] },
      }),
      400,
    );
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/api-keys', {
        token: owner.token,
        body: { name: 'x', scopes: ['platform:read'] },
      }),
      400,
    );
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/api-keys', {
        token: owner.token,
        body: { name: 'x', scopes: ['crm:read'], expiresAt: '2001-01-01T00:00:00Z' },
      }),
      400,
      'IDENTITY.EXPIRY_IN_PAST',
    );
  });

  it('works only in the Authorization header, within its scopes, never for identity:admin', async () => {
    const { key, id } = await createKey(['identity:read']);
    expectStatus(
      await call(app, 'GET', `/api/brain/identity/members?api_key=${encodeURIComponent(key)}`),
      400,
      'AUTH.CREDENTIALS_IN_URL',
    );
    expectStatus(
      await call(app, 'GET', `/api/brain/identity/members?access_token=${encodeURIComponent(key)}`, {
        token: key,
      }),
      400,
      'AUTH.CREDENTIALS_IN_URL',
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { headers: { authorization: `Token ${key}` } }),
      401,
      'AUTH.UNSUPPORTED_SCHEME',
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', {
        headers: { authorization: `Bearer ${key.slice(0, -2)}xx` },
      }),
      401,
      'AUTH.INVALID_TOKEN',
    );

    const members = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: key }),
      200,
    ).json().items;
    expect(members.map((m: { userId: string }) => m.userId)).toContain(owner.userId);
    expectStatus(
      await call(app, 'POST', '/api/brain/identity/invitations', {
        token: key,
        body: { email: uniqueEmail('k'), role: 'viewer' },
      }),
      403,
      'AUTH.FORBIDDEN',
    );
    // A key cannot do user-only things either.
    expectStatus(await call(app, 'GET', '/api/brain/auth/me', { token: key }), 403);
    expectStatus(
      await call(app, 'POST', '/api/brain/auth/switch-tenant', {
        token: key,
        body: { tenantId: owner.tenantId },
      }),
      403,
    );

    const writer = await createKey(['identity:write', 'crm:write']);
    expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: writer.key }), 200);
    for (const [m, u, body] of [
      ['POST', '/api/brain/identity/invitations', { email: uniqueEmail('k2'), role: 'viewer' }],
      ['POST', '/api/brain/identity/api-keys', { name: 'escalate', scopes: ['identity:write'] }],
      ['GET', '/api/brain/identity/audit', undefined],
      ['DELETE', `/api/brain/identity/api-keys/${id}`, undefined],
      ['PATCH', '/api/brain/identity/tenant', { name: 'by key' }],
    ] as const) {
      expectStatus(await call(app, m, u, { token: writer.key, body }), 403, 'AUTH.FORBIDDEN');
    }

    const crmOnly = await createKey(['crm:read']);
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: crmOnly.key }),
      403,
      'AUTH.FORBIDDEN',
    );

    const { rows } = await app.hub.db.admin.query(
      'select last_used_at from identity.api_keys where id = $1',
      [id],
    );
    expect(rows[0].last_used_at).not.toBeNull();
    const listed = expectStatus(
      await call(app, 'GET', '/api/brain/identity/api-keys', { token: owner.token }),
      200,
    ).json().items;
    expect(listed.find((k: { id: string }) => k.id === id).lastUsedAt).toEqual(expect.any(String));
  });

  it('a revoked key is refused at once, even while its authentication is cached', async () => {
    const { key, id } = await createKey(['identity:read']);
    // Twice: the second use is served from the authentication cache.
    expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: key }), 200);
    expectStatus(await call(app, 'GET', '/api/brain/identity/members', { token: key }), 200);
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/api-keys/${id}`, { token: owner.token }),
      200,
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: key }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/api-keys/${id}`, { token: owner.token }),
      404,
      'IDENTITY.API_KEY_NOT_FOUND',
    );
    const listed = expectStatus(
      await call(app, 'GET', '/api/brain/identity/api-keys', { token: owner.token }),
      200,
    ).json().items;
    expect(listed.find((k: { id: string }) => k.id === id).revokedAt).toEqual(expect.any(String));
  });

  it('an expired key is refused', async () => {
    const { key, id } = await createKey(['identity:read']);
    await app.hub.db.admin.query(
      `update identity.api_keys set expires_at = now() - interval '1 second' where id = $1`,
      [id],
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: key }),
      401,
      'AUTH.INVALID_TOKEN',
    );
  });
});

describe('OAuth2 client credentials', () => {
  it('exchanges key id + key (body or HTTP Basic) for a Bearer token with the key’s scopes', async () => {
    const { key, id } = await createKey(['identity:read', 'crm:read']);
    const viaBody = await tokenRequest({
      grant_type: 'client_credentials',
      client_id: id,
      client_secret: key,
    });
    expectStatus(viaBody, 200);
    expect(viaBody.headers['cache-control']).toBe('no-store');
    const body = viaBody.json();
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'identity:read crm:read' });
    expect(body).not.toHaveProperty('refresh_token');
    const claims = JSON.parse(Buffer.from(body.access_token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({
      sub: id,
      tid: owner.tenantId,
      scope: 'identity:read crm:read',
      cli: true,
      role: null,
    });

    const basic = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(key)}`).toString('base64');
    const viaBasic = expectStatus(
      await tokenRequest({ grant_type: 'client_credentials' }, { authorization: `Basic ${basic}` }),
      200,
    ).json();

    for (const t of [body.access_token, viaBasic.access_token]) {
      const members = expectStatus(
        await call(app, 'GET', '/api/brain/identity/members', { token: t }),
        200,
      ).json().items;
      expect(members.map((m: { userId: string }) => m.userId)).toContain(owner.userId);
      expectStatus(
        await call(app, 'POST', '/api/brain/identity/invitations', {
          token: t,
          body: { email: uniqueEmail('cc'), role: 'viewer' },
        }),
        403,
        'AUTH.FORBIDDEN',
      );
      expectStatus(await call(app, 'GET', '/api/brain/identity/audit', { token: t }), 403, 'AUTH.FORBIDDEN');
    }

    // Wrong secret, someone else's id, missing credentials: invalid_client with a Basic challenge.
    const other = await createKey(['crm:read']);
    for (const bad of [
      { grant_type: 'client_credentials', client_id: id, client_secret: other.key },
      { grant_type: 'client_credentials', client_id: id, client_secret: `${key.slice(0, -3)}abc` },
      { grant_type: 'client_credentials', client_id: id },
    ]) {
      const res = await tokenRequest(bad);
      expect(res.statusCode, JSON.stringify(bad)).toBe(401);
      expect(res.json().error).toBe('invalid_client');
      expect(res.headers['www-authenticate']).toMatch(/^Basic /);
    }

    // Revoking the key ends its client tokens at once, and no new ones are issued.
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/api-keys/${id}`, { token: owner.token }),
      200,
    );
    expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: body.access_token }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    const after = await tokenRequest({ grant_type: 'client_credentials', client_id: id, client_secret: key });
    expect(after.statusCode).toBe(401);
    expect(after.json().error).toBe('invalid_client');
  });
});
