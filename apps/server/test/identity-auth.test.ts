import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../src/modules/identity/tokens.js';
import {
  createVerifiedUser,
  eventually,
  expectProblem,
  inject,
  me,
  median,
  newEmail,
  nextIp,
  PASSWORD,
  passwordGrant,
  signupHttp,
  type TestUser,
  tokenRequest,
} from './auth-helpers.js';
import { buildTestApp, createTestTenant } from './helpers.js';
import { startSmtp } from './mail.js';

/**
 * Sign-up, e-mail verification, console sign-in with cookies and CSRF, the password policy,
 * unknown-address vs wrong-password answers, and password reset, all over HTTP with real mail.
 */
let app: FastifyInstance;
let smtp: Awaited<ReturnType<typeof startSmtp>>;

beforeAll(async () => {
  smtp = await startSmtp();
  app = await buildTestApp({ RUN_WORKER: 'true', SMTP_URL: smtp.url });
});
afterAll(async () => {
  await app?.close();
  await smtp?.close();
});

/**
 * The mail to `to` whose subject matches. Our worker delivers to our SMTP server; should a worker of
 * another test file (same database, same job queue) take the job first, it still records the mail
 * in platform.mail_outbox, so that is where we look second.
 */
async function mailTo(
  to: string,
  subject: RegExp,
  ms = 15_000,
): Promise<{ text: string; links: string[]; via: string }> {
  const deadline = Date.now() + ms;
  for (;;) {
    const hit = smtp.messages.find((m) => m.to.includes(to.toLowerCase()) && subject.test(m.subject));
    if (hit) return { text: hit.text, links: hit.links, via: 'smtp' };
    const { rows } = await app.hub.db.admin.query(
      `select subject, text_body as text from platform.mail_outbox where lower(to_address) = lower($1)`,
      [to],
    );
    const row = rows.find((r) => subject.test(r.subject));
    if (row)
      return {
        text: row.text,
        links: [...row.text.matchAll(/https?:\/\/[^\s"<>]+/g)].map((m: RegExpMatchArray) => m[0]),
        via: 'outbox',
      };
    if (Date.now() > deadline) throw new Error(`no mail to ${to} matching ${subject} within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function mailsTo(to: string): Promise<number> {
  const { rows } = await app.hub.db.admin.query(
    `select count(*)::int as n from platform.mail_outbox where lower(to_address) = lower($1)`,
    [to],
  );
  return rows[0].n + smtp.messages.filter((m) => m.to.includes(to.toLowerCase())).length;
}

const login = (email: string, password: string, ip?: string) =>
  inject(app, { method: 'POST', url: '/api/brain/auth/login', ip, payload: { email, password } });

describe('sign-up and e-mail verification', () => {
  it('mails a verification link; sign-in waits for it; then cookies with SameSite, /me and CSRF on unsafe requests', async () => {
    const ip = nextIp();
    const email = newEmail('signup');
    const tenantName = `Signup ${randomUUID()}`;
    const { res } = await signupHttp(app, { email, tenantName, ip });
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({ status: 'verification_sent', email });

    const mail = await mailTo(email, /confirm your e-mail/i);
    expect(mail.via).toBe('smtp');
    const link = mail.links.find((l) => l.includes('/api/brain/auth/verify-email?token='));
    expect(link, mail.text).toBeDefined();

    const early = await login(email, PASSWORD, ip);
    expectProblem(early, 403, 'AUTH.EMAIL_NOT_VERIFIED');
    expect(early.cookies).toEqual([]);

    const u = new URL(link!);
    const verified = await inject(app, { method: 'GET', url: u.pathname + u.search, ip });
    expect(verified.statusCode).toBe(303);
    expect(verified.headers.location).toBe('/signin?verified=1');
    // The link works once.
    const again = await inject(app, { method: 'GET', url: u.pathname + u.search, ip });
    expect(again.headers.location).toBe('/signin?verified=0');

    const ok = await login(email, PASSWORD, ip);
    expect(ok.statusCode, ok.body).toBe(200);
    const body = ok.json();
    expect(body).toMatchObject({ user: { email, name: 'Test User' }, role: 'owner' });
    expect(body.expiresIn).toBeLessThanOrEqual(900);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookies = Object.fromEntries(ok.cookies.map((c) => [c.name, c]));
    expect(cookies.bos_at).toMatchObject({ httpOnly: true, path: '/' });
    expect(cookies.bos_at!.sameSite).toMatch(/^(lax|strict)$/i);
    expect(cookies.bos_rt).toMatchObject({ httpOnly: true, path: '/api/brain/auth' });
    expect(cookies.bos_rt!.sameSite).toMatch(/^strict$/i);
    expect(cookies.bos_csrf!.httpOnly).toBeFalsy();
    expect(cookies.bos_csrf!.sameSite).toMatch(/^strict$/i);
    expect(cookies.bos_csrf!.value).toBe(body.csrfToken);

    const at = cookies.bos_at!.value;
    const meRes = await inject(app, {
      method: 'GET',
      url: '/api/brain/auth/me',
      ip,
      cookies: { bos_at: at },
    });
    expect(meRes.statusCode, meRes.body).toBe(200);
    expect(meRes.json()).toMatchObject({
      user: { email, emailVerified: true },
      activeTenant: { tenantName, role: 'owner' },
      role: 'owner',
    });

    const jar = { bos_at: at, bos_csrf: body.csrfToken };
    const noCsrf = await inject(app, { method: 'POST', url: '/api/brain/auth/logout', ip, cookies: jar });
    expectProblem(noCsrf, 403, 'AUTH.CSRF');
    const wrongCsrf = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/logout',
      ip,
      cookies: jar,
      headers: { 'x-csrf-token': 'x'.repeat(32) },
    });
    expectProblem(wrongCsrf, 403, 'AUTH.CSRF');
    // Header without the cookie it must match is no better.
    const headerOnly = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/logout',
      ip,
      cookies: { bos_at: at },
      headers: { 'x-csrf-token': body.csrfToken },
    });
    expectProblem(headerOnly, 403, 'AUTH.CSRF');
    // Still signed in after the refused attempts.
    expect(
      (await inject(app, { method: 'GET', url: '/api/brain/auth/me', ip, cookies: { bos_at: at } }))
        .statusCode,
    ).toBe(200);

    const out = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/logout',
      ip,
      cookies: jar,
      headers: { 'x-csrf-token': body.csrfToken },
    });
    expect(out.statusCode, out.body).toBe(200);
    expect(out.json()).toEqual({ ok: true });
    // Signed out on the server: neither the access cookie nor the refresh cookie works any more.
    expectProblem(
      await inject(app, { method: 'GET', url: '/api/brain/auth/me', ip, cookies: { bos_at: at } }),
      401,
      'AUTH.INVALID_TOKEN',
    );
    const refreshed = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/refresh',
      ip,
      cookies: { bos_rt: cookies.bos_rt!.value, bos_csrf: body.csrfToken },
      headers: { 'x-csrf-token': body.csrfToken },
    });
    expectProblem(refreshed, 401, 'AUTH.SESSION_ENDED');
  });

  it('signing up again with the same address answers the same, mails "already have an account", creates nothing', async () => {
    const email = newEmail('twice');
    const first = await signupHttp(app, { email });
    expect(first.res.statusCode).toBe(202);
    const tenantName = `Second ${randomUUID()}`;
    const second = await signupHttp(app, {
      email: email.toUpperCase(),
      password: 'another fine password 7',
      tenantName,
    });
    expect(second.res.statusCode).toBe(202);
    expect(second.res.json()).toEqual(first.res.json());

    const mail = await mailTo(email, /already have/i);
    expect(mail.text).toMatch(/already have an account/i);
    const users = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.users where email = $1`,
      [email],
    );
    expect(users.rows[0].n).toBe(1);
    const tenants = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.tenants where name = $1`,
      [tenantName],
    );
    expect(tenants.rows[0].n).toBe(0);
    // The first password is still the one that counts.
    await app.hub.db.admin.query(`update identity.users set email_verified_at = now() where email = $1`, [
      email,
    ]);
    await passwordGrant(app, email, PASSWORD);
  });
});

describe('password policy', () => {
  const file = path.join(
    path.dirname(fileURLToPath(import.meta.url)),
    '../src/modules/identity/data/common-passwords.txt',
  );
  const fromList = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((p) => p.length >= 12 && /^[a-z0-9]+$/.test(p))[7]!;

  it.each([
    ['7 characters', 'Ab1!xyz', 'IDENTITY.PASSWORD_TOO_SHORT'],
    ['7 characters of 2-unit emoji', '😀'.repeat(7), 'IDENTITY.PASSWORD_TOO_SHORT'],
    ['129 characters', 'a1'.repeat(64) + 'b', 'IDENTITY.PASSWORD_TOO_LONG'],
    ['password123', 'password123', 'IDENTITY.PASSWORD_TOO_COMMON'],
    ['PassWord123 (case does not help)', 'PassWord123', 'IDENTITY.PASSWORD_TOO_COMMON'],
    [`"${fromList}" from the list`, fromList, 'IDENTITY.PASSWORD_TOO_COMMON'],
  ])('sign-up refuses %s with 400 naming the field', async (_name, password, code) => {
    const { res, email } = await signupHttp(app, { password });
    const p = expectProblem(res, 400, code);
    expect(p.detail).toMatch(/^password: /);
    const { rows } = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.users where email = $1`,
      [email],
    );
    expect(rows[0].n).toBe(0);
  });

  it('a body over the schema bound is a validation error on body.password, not a 500', async () => {
    const { res } = await signupHttp(app, { password: 'x'.repeat(2000) });
    const p = expectProblem(res, 400, 'HTTP.VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.field)).toContain('body.password');
  });

  it('8 and 128 characters are accepted and stored as argon2id m=19456,t=2,p=1', async () => {
    for (const password of ['uncommon', 'z9'.repeat(64)]) {
      const { res, email } = await signupHttp(app, { password });
      expect(res.statusCode, res.body).toBe(202);
      const { rows } = await app.hub.db.admin.query(
        `select password_hash from identity.users where email = $1`,
        [email],
      );
      // PHC string: $argon2id$v=19$<params>$<salt>$<hash>; the parameter order is the library's.
      const [, alg, version, params, salt, hash] = (rows[0].password_hash as string).split('$');
      expect({ alg, version }).toEqual({ alg: 'argon2id', version: 'v=19' });
      expect(Object.fromEntries(params!.split(',').map((kv) => kv.split('=')))).toEqual({
        m: '19456',
        t: '2',
        p: '1',
      });
      expect(Buffer.from(salt!, 'base64').length).toBeGreaterThanOrEqual(16);
      expect(Buffer.from(hash!, 'base64').length).toBe(32);
    }
  });
});

describe('sign-in failures', () => {
  /**
   * Times refused sign-ins, interleaving unknown addresses with wrong passwords for `known`
   * (round-robin, so no account reaches its limit of 5). Returns the medians and what was answered.
   */
  async function timeRefusals(known: string[], rounds: number) {
    // Warm both paths first (the dummy hash is made on first use).
    await login(newEmail('warm'), 'not the password', nextIp());
    const unknown: number[] = [];
    const wrong: number[] = [];
    const bodies = new Set<string>();
    const ips: string[] = [];
    for (let i = 0; i < rounds; i++) {
      for (const kind of i % 2 ? ['unknown', 'wrong'] : ['wrong', 'unknown']) {
        const ip = nextIp();
        const t0 = performance.now();
        const res = await login(
          kind === 'wrong' ? known[i % known.length]! : newEmail('nobody'),
          'Not-the-password-1',
          ip,
        );
        (kind === 'wrong' ? wrong : unknown).push(performance.now() - t0);
        expectProblem(res, 401, 'AUTH.INVALID_CREDENTIALS');
        expect(res.cookies).toEqual([]);
        bodies.add(res.body);
        if (kind === 'wrong') ips.push(ip);
      }
    }
    const [mu, mw] = [median(unknown), median(wrong)];
    return {
      bodies,
      ips,
      ratio: Math.abs(mu - mw) / Math.max(mu, mw),
      why: `medians: unknown ${mu.toFixed(1)} ms, wrong ${mw.toFixed(1)} ms`,
    };
  }

  /**
   * A busy 2-core machine makes single measurements noisy: a real difference fails every try,
   * noise rarely fails three in a row. Each try uses fresh accounts (their limit is 5 failures).
   */
  async function similarTiming(
    accounts: () => Promise<string[]>,
    first?: Awaited<ReturnType<typeof timeRefusals>>,
  ) {
    let last = '';
    for (let attempt = 0; attempt < 3; attempt++) {
      const r = attempt === 0 && first ? first : await timeRefusals(await accounts(), 8);
      expect([...r.bodies]).toHaveLength(1);
      if (r.ratio < 0.5) return;
      last = r.why;
    }
    expect.fail(
      `unknown addresses and wrong passwords take measurably different time (3 tries, last ${last})`,
    );
  }

  it('unknown address and wrong password get the same answer in similar time; the failure is audited', async () => {
    const a = await createVerifiedUser(app);
    const b = await createVerifiedUser(app);
    const first = await timeRefusals([a.email, b.email], 8);
    const { ips } = first;
    await similarTiming(
      async () => [(await createVerifiedUser(app)).email, (await createVerifiedUser(app)).email],
      first,
    );

    const rows = await eventually(async () => {
      const { rows } = await app.hub.db.admin.query(
        `select actor_kind, actor_email, target_id, host(ip) as ip, data from identity.audit_log
         where tenant_id = any($1) and action = 'signin.failed'`,
        [[a.tenantId, b.tenantId]],
      );
      expect(rows).toHaveLength(8);
      return rows;
    });
    for (const u of [a, b]) {
      const mine = rows.filter((r) => r.target_id === u.userId);
      expect(mine).toHaveLength(4);
      for (const r of mine)
        expect(r).toMatchObject({
          actor_kind: 'anonymous',
          actor_email: u.email,
          data: { reason: 'wrong_password' },
        });
    }
    expect(rows.map((r) => r.ip).sort()).toEqual([...ips].sort());
  });

  it('a user in many tenants is no slower to refuse than an unknown address (no timing oracle)', async () => {
    const tenants = await Promise.all(Array.from({ length: 30 }, () => createTestTenant(app.hub)));
    const users: TestUser[] = [];
    const inManyTenants = async () => {
      const pair = [await createVerifiedUser(app), await createVerifiedUser(app)];
      for (const u of pair) {
        await app.hub.db.admin.query(
          `insert into identity.memberships (tenant_id, id, user_id, role)
           select t, gen_random_uuid(), $1, 'member' from unnest($2::uuid[]) t`,
          [u.userId, tenants.map((t) => t.id)],
        );
      }
      users.push(...pair);
      return pair.map((u) => u.email);
    };
    await similarTiming(inManyTenants);
    // Every one of the 31 tenants of each still gets its audit entries.
    await eventually(async () => {
      const { rows } = await app.hub.db.admin.query(
        `select count(*)::int as n from identity.audit_log where action = 'signin.failed' and target_id = any($1)`,
        [users.map((u) => u.userId)],
      );
      expect(rows[0].n).toBe(users.length * 4 * 31);
    });
  });
});

describe('password reset', () => {
  const NEW = 'a brand new passphrase 9';

  it('same answer for unknown and known addresses; the mailed token works once and ends every session', async () => {
    const user = await createVerifiedUser(app);
    const s1 = await passwordGrant(app, user.email, user.password);
    const unknown = newEmail('nobody');

    const a = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/forgot',
      payload: { email: unknown },
    });
    const b = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/forgot',
      payload: { email: user.email },
    });
    expect([a.statusCode, b.statusCode]).toEqual([202, 202]);
    expect(a.body).toBe(b.body);

    const mail = await mailTo(user.email, /reset your/i);
    const link = mail.links.find((l) => l.includes('token='));
    expect(link, mail.text).toBeDefined();
    const token = new URL(link!).searchParams.get('token')!;

    // The policy is checked before the token is spent.
    const weak = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/reset',
      payload: { token, password: 'short' },
    });
    expect(expectProblem(weak, 400, 'IDENTITY.PASSWORD_TOO_SHORT').detail).toMatch(/^password: /);

    const done = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/reset',
      payload: { token, password: NEW },
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toEqual({ ok: true });

    expectProblem(await me(app, s1.access_token), 401, 'AUTH.INVALID_TOKEN');
    const r = await tokenRequest(app, { grant_type: 'refresh_token', refresh_token: s1.refresh_token });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toBe('invalid_grant');

    const twice = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/reset',
      payload: { token, password: 'yet another passphrase 3' },
    });
    expectProblem(twice, 400, 'AUTH.TOKEN_INVALID');

    const old = await tokenRequest(app, {
      grant_type: 'password',
      username: user.email,
      password: user.password,
    });
    expect(old.json().error).toBe('invalid_grant');
    const fresh = await passwordGrant(app, user.email, NEW);
    expect((await me(app, fresh.access_token)).statusCode).toBe(200);

    const audit = await app.hub.db.admin.query(
      `select count(*)::int as n from identity.audit_log where tenant_id = $1 and action = 'password.reset'`,
      [user.tenantId],
    );
    expect(audit.rows[0].n).toBe(1);
    // Nothing was mailed to the address without an account (its job would have been queued before the known one's).
    expect(await mailsTo(unknown)).toBe(0);
  });

  it('an expired reset token is refused and changes nothing', async () => {
    const user = await createVerifiedUser(app);
    const res = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/forgot',
      payload: { email: user.email },
    });
    expect(res.statusCode).toBe(202);
    const mail = await mailTo(user.email, /reset your/i);
    const token = new URL(mail.links.find((l) => l.includes('token='))!).searchParams.get('token')!;
    const upd = await app.hub.db.admin.query(
      `update identity.email_tokens set expires_at = now() - interval '1 minute' where token_hash = $1 and purpose = 'reset_password'`,
      [sha256(token)],
    );
    expect(upd.rowCount).toBe(1);
    const late = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/reset',
      payload: { token, password: NEW },
    });
    expectProblem(late, 400, 'AUTH.TOKEN_INVALID');
    await passwordGrant(app, user.email, user.password);
  });

  it('a made-up token is refused', async () => {
    const res = await inject(app, {
      method: 'POST',
      url: '/api/brain/auth/password/reset',
      payload: { token: 'A'.repeat(43), password: NEW },
    });
    expectProblem(res, 400, 'AUTH.TOKEN_INVALID');
  });
});
