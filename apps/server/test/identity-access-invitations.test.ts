import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';
import {
  call,
  expectStatus,
  memberOf,
  PASSWORD,
  signUpUser,
  type TestUser,
  uniqueEmail,
} from './identity-access-fixtures.js';
import { startSmtp } from './mail.js';

let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let owner: TestUser;
beforeAll(async () => {
  smtp = await startSmtp();
  app = await buildTestApp({ RUN_WORKER: 'true', SMTP_URL: smtp.url, PUBLIC_URL: 'http://console.test' });
  owner = await signUpUser(app, { prefix: 'inv-owner' });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

async function invite(email: string, role: string, token = owner.token) {
  return call(app, 'POST', '/api/brain/identity/invitations', { token, body: { email, role } });
}

/** Invites and follows the mail to the token in its link. */
async function invitedToken(email: string, role: string) {
  const inv = expectStatus(await invite(email, role), 201).json();
  const mail = await smtp.waitFor(email, /invited/i);
  const link = mail.links.find((l) => l.includes('/accept-invitation?token='));
  expect(link, mail.text).toBeDefined();
  expect(link!.startsWith('http://console.test/accept-invitation?token=')).toBe(true);
  return { id: inv.id as string, token: new URL(link!).searchParams.get('token')!, mail };
}

const accept = (body: Record<string, string>) =>
  call(app, 'POST', '/api/brain/auth/invitations/accept', { body });

describe('invitations', () => {
  it('a new user follows the mailed link, sets name and password, and is signed in with the role', async () => {
    const email = uniqueEmail('inv-new');
    const { id, token, mail } = await invitedToken(email, 'admin');
    expect(mail.text).toContain(owner.email);
    expect(mail.text).toContain('admin');

    const listed = expectStatus(
      await call(app, 'GET', '/api/brain/identity/invitations', { token: owner.token }),
      200,
    ).json().items;
    expect(listed.find((i: { id: string }) => i.id === id)).toMatchObject({
      email,
      role: 'admin',
      status: 'pending',
    });
    // The list never carries the token.
    expect(JSON.stringify(listed)).not.toContain(token.split('.')[1]);

    const lookup = expectStatus(
      await call(app, 'GET', `/api/brain/auth/invitations/lookup?token=${encodeURIComponent(token)}`),
      200,
    ).json();
    expect(lookup).toEqual({ tenantName: expect.any(String), email, role: 'admin', accountExists: false });

    expectStatus(await accept({ token }), 400, 'IDENTITY.ACCOUNT_DETAILS_REQUIRED');
    const res = expectStatus(await accept({ token, name: 'New Person', password: PASSWORD }), 200);
    expect(res.json()).toMatchObject({
      user: { email, name: 'New Person' },
      tenantId: owner.tenantId,
      role: 'admin',
    });
    const cookies = res.cookies.map((c) => c.name);
    expect(cookies).toEqual(expect.arrayContaining(['bos_at', 'bos_rt', 'bos_csrf']));
    const at = res.cookies.find((c) => c.name === 'bos_at')!;
    expect(at.httpOnly).toBe(true);

    // The cookie works and carries the role.
    const me = expectStatus(
      await app.inject({ method: 'GET', url: '/api/brain/auth/me', cookies: { bos_at: at.value } }),
      200,
    ).json();
    expect(me).toMatchObject({ role: 'admin', activeTenant: { tenantId: owner.tenantId } });
    expect(me.user.emailVerified).toBe(true);

    // Used: the link is dead.
    expectStatus(
      await accept({ token, name: 'Again', password: PASSWORD }),
      400,
      'IDENTITY.INVITATION_INVALID',
    );
    expectStatus(
      await call(app, 'GET', `/api/brain/auth/invitations/lookup?token=${encodeURIComponent(token)}`),
      400,
      'IDENTITY.INVITATION_INVALID',
    );
    const after = expectStatus(
      await call(app, 'GET', '/api/brain/identity/invitations', { token: owner.token }),
      200,
    ).json().items;
    expect(after.find((i: { id: string }) => i.id === id).status).toBe('accepted');
  });

  it('an existing user accepts with their password; a wrong password is 401', async () => {
    const existing = await signUpUser(app, { prefix: 'inv-existing' });
    const { token } = await invitedToken(existing.email, 'viewer');
    const lookup = expectStatus(
      await call(app, 'GET', `/api/brain/auth/invitations/lookup?token=${encodeURIComponent(token)}`),
      200,
    ).json();
    expect(lookup.accountExists).toBe(true);
    expectStatus(await accept({ token, password: 'Wrong-Password-123456' }), 401, 'AUTH.INVALID_CREDENTIALS');
    expectStatus(await accept({ token }), 401, 'AUTH.INVALID_CREDENTIALS');
    // Someone else's session does not prove the invitee's identity.
    const stranger = await signUpUser(app, { prefix: 'inv-stranger' });
    expectStatus(
      await call(app, 'POST', '/api/brain/auth/invitations/accept', {
        token: stranger.token,
        body: { token },
      }),
      401,
    );
    const ok = expectStatus(await accept({ token, password: PASSWORD }), 200).json();
    expect(ok).toMatchObject({ user: { id: existing.userId }, tenantId: owner.tenantId, role: 'viewer' });
    const members = expectStatus(
      await call(app, 'GET', '/api/brain/identity/members', { token: owner.token }),
      200,
    ).json().items;
    expect(members.find((m: { userId: string }) => m.userId === existing.userId)).toMatchObject({
      role: 'viewer',
      source: 'direct',
    });
  });

  it('a signed-in invitee accepts without the password', async () => {
    const u = await signUpUser(app, { prefix: 'inv-signed-in' });
    const { token } = await invitedToken(u.email, 'member');
    const ok = expectStatus(
      await call(app, 'POST', '/api/brain/auth/invitations/accept', { token: u.token, body: { token } }),
      200,
    ).json();
    expect(ok.role).toBe('member');
  });

  it('revoked and expired invitations are refused; duplicates and members are 409', async () => {
    const email = uniqueEmail('inv-revoked');
    const first = await invitedToken(email, 'member');
    expectStatus(await invite(email.toUpperCase(), 'viewer'), 409, 'IDENTITY.INVITATION_PENDING');
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/invitations/${first.id}`, { token: owner.token }),
      200,
    );
    expectStatus(
      await call(app, 'DELETE', `/api/brain/identity/invitations/${first.id}`, { token: owner.token }),
      404,
    );
    expectStatus(
      await accept({ token: first.token, name: 'X', password: PASSWORD }),
      400,
      'IDENTITY.INVITATION_INVALID',
    );
    expectStatus(
      await call(app, 'GET', `/api/brain/auth/invitations/lookup?token=${encodeURIComponent(first.token)}`),
      400,
    );

    // After a revocation the address can be invited again.
    smtp.messages.length = 0;
    const second = await invitedToken(email, 'member');
    await app.hub.db.admin.query(
      `update identity.invitations set expires_at = now() - interval '1 minute' where id = $1`,
      [second.id],
    );
    expectStatus(
      await accept({ token: second.token, name: 'X', password: PASSWORD }),
      400,
      'IDENTITY.INVITATION_INVALID',
    );
    const listed = expectStatus(
      await call(app, 'GET', '/api/brain/identity/invitations', { token: owner.token }),
      200,
    ).json().items;
    expect(listed.find((i: { id: string }) => i.id === first.id).status).toBe('revoked');
    expect(listed.find((i: { id: string }) => i.id === second.id).status).toBe('expired');

    // A forged token (right tenant, wrong secret) and garbage are refused alike.
    const forged = `${first.token.split('.')[0]}.${'A'.repeat(43)}`;
    expectStatus(
      await accept({ token: forged, name: 'X', password: PASSWORD }),
      400,
      'IDENTITY.INVITATION_INVALID',
    );
    expectStatus(
      await accept({ token: 'not-a-real-token', name: 'X', password: PASSWORD }),
      400,
      'IDENTITY.INVITATION_INVALID',
    );

    const member = await memberOf(app, owner.tenantId, 'member', 'inv-member');
    expectStatus(await invite(member.email, 'admin'), 409, 'IDENTITY.ALREADY_MEMBER');
    expectStatus(await invite(owner.email, 'admin'), 409, 'IDENTITY.ALREADY_MEMBER');
    expectStatus(await invite('not-an-email', 'admin'), 400, 'HTTP.VALIDATION_FAILED');
  });

  it("an invitation from tenant A cannot be used to join B, and B cannot revoke A's", async () => {
    const b = await signUpUser(app, { prefix: 'inv-b' });
    const { id, token } = await invitedToken(uniqueEmail('inv-cross'), 'admin');
    expectStatus(await call(app, 'DELETE', `/api/brain/identity/invitations/${id}`, { token: b.token }), 404);
    // Re-pointing the token's tenant part at B finds nothing.
    const bPart = Buffer.from(b.tenantId.replace(/-/g, ''), 'hex').toString('base64url');
    const moved = `${bPart}.${token.split('.')[1]}`;
    expectStatus(
      await accept({ token: moved, name: 'X', password: PASSWORD }),
      400,
      'IDENTITY.INVITATION_INVALID',
    );
  });
});
