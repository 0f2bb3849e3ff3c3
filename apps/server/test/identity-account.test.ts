import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearer,
  createVerifiedUser,
  expectProblem,
  inject,
  newEmail,
  passwordGrant,
  signupHttp,
} from './auth-helpers.js';
import { buildTestApp } from './helpers.js';
import { startSmtp } from './mail.js';

let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await buildTestApp({ RUN_WORKER: 'true', SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app.close();
  await smtp.close();
});

describe('resending the verification mail', () => {
  it('mails a fresh working link to an unverified address, and answers the same for anyone else', async () => {
    const { email } = await signupHttp(app);
    await smtp.waitFor(email, /confirm your e-mail/i);
    const resend = (to: string) =>
      inject(app, { method: 'POST', url: '/api/brain/auth/verify-email/resend', payload: { email: to } });

    const res = await resend(email);
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'accepted' });
    await expect
      .poll(() => smtp.messages.filter((m) => m.to.includes(email)).length, { timeout: 10_000 })
      .toBe(2);
    const second = smtp.messages.filter((m) => m.to.includes(email))[1]!;
    const link = second.links.find((l) => l.includes('/verify-email?token='))!;
    const u = new URL(link);
    const follow = await inject(app, { url: `${u.pathname}${u.search}` });
    expect(follow.statusCode).toBe(303);
    expect(follow.headers.location).toBe('/signin?verified=1');

    // Unknown and already verified addresses: the same answer, and no mail.
    const verified = await createVerifiedUser(app);
    await smtp.waitFor(verified.email, /confirm/i); // its sign-up mail, sent before it was verified
    const before = smtp.messages.length;
    for (const other of [newEmail('nobody'), verified.email]) {
      const r = await resend(other);
      expect(r.statusCode).toBe(202);
      expect(r.json()).toEqual({ status: 'accepted' });
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.messages.slice(before)).toEqual([]);

    expectProblem(
      await inject(app, {
        method: 'POST',
        url: '/api/brain/auth/verify-email/resend',
        payload: { email: 'not-an-address' },
      }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
  }, 30_000);
});

describe('profile', () => {
  it('changes the name and personal settings, which /me then shows', async () => {
    const user = await createVerifiedUser(app);
    const token = (await passwordGrant(app, user.email, user.password)).access_token;
    const res = await inject(app, {
      method: 'PATCH',
      url: '/api/brain/auth/profile',
      headers: bearer(token),
      payload: { name: 'Grace Hopper', settings: { theme: 'dark', timezone: 'Europe/Amsterdam' } },
    });
    expect(res.statusCode).toBe(200);
    const me = (await inject(app, { url: '/api/brain/auth/me', headers: bearer(token) })).json();
    expect(me.user).toMatchObject({
      name: 'Grace Hopper',
      settings: { theme: 'dark', timezone: 'Europe/Amsterdam' },
    });
    // Settings merge: changing one leaves the others.
    await inject(app, {
      method: 'PATCH',
      url: '/api/brain/auth/profile',
      headers: bearer(token),
      payload: { settings: { locale: 'nl-NL' } },
    });
    const again = (await inject(app, { url: '/api/brain/auth/me', headers: bearer(token) })).json();
    expect(again.user.settings).toEqual({ theme: 'dark', timezone: 'Europe/Amsterdam', locale: 'nl-NL' });
  });

  it('refuses bad values naming the field, and anonymous callers', async () => {
    const user = await createVerifiedUser(app);
    const token = (await passwordGrant(app, user.email, user.password)).access_token;
    const bad = await inject(app, {
      method: 'PATCH',
      url: '/api/brain/auth/profile',
      headers: bearer(token),
      payload: { name: '', settings: { theme: 'neon' } },
    });
    const p = expectProblem(bad, 400, 'HTTP.VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['body.name', 'body.settings.theme']),
    );
    expectProblem(
      await inject(app, { method: 'PATCH', url: '/api/brain/auth/profile', payload: { name: 'X' } }),
      401,
      'AUTH.REQUIRED',
    );
  });
});

describe('what the active role may do', () => {
  it('is listed in /me, and follows the role', async () => {
    const user = await createVerifiedUser(app);
    const token = (await passwordGrant(app, user.email, user.password)).access_token;
    const owner = (await inject(app, { url: '/api/brain/auth/me', headers: bearer(token) })).json();
    expect(owner.permissions).toEqual(
      expect.arrayContaining(['identity:admin', 'crm:write', 'platform:read']),
    );
    await app.hub.db.admin.query(`update identity.memberships set role = 'viewer' where user_id = $1`, [
      user.userId,
    ]);
    const again = (await passwordGrant(app, user.email, user.password)).access_token;
    const viewer = (await inject(app, { url: '/api/brain/auth/me', headers: bearer(again) })).json();
    expect(viewer.permissions).toContain('crm:read');
    expect(viewer.permissions).not.toContain('crm:write');
    expect(viewer.permissions).not.toContain('identity:admin');
  });
});

describe('sign-up atomicity', () => {
  it('two sign-ups for one address at the same moment make one user and one tenant, and answer alike', async () => {
    const email = newEmail('race');
    const [a, b] = await Promise.all([
      signupHttp(app, { email, tenantName: 'Race One' }),
      signupHttp(app, { email, tenantName: 'Race Two' }),
    ]);
    expect([a.res.statusCode, b.res.statusCode]).toEqual([202, 202]);
    expect(a.res.json()).toEqual(b.res.json());
    const { rows } = await app.hub.db.admin.query(
      `select u.id, (select count(*)::int from identity.memberships m where m.user_id = u.id) as tenants
       from identity.users u where u.email = $1`,
      [email],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].tenants).toBe(1);
    const orphans = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.tenants t where t.name in ('Race One', 'Race Two')
         and not exists (select 1 from identity.memberships m where m.tenant_id = t.id)`,
    );
    expect(orphans.rows[0].n).toBe(0);
  });
});
