import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { exec, withSystem } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { enqueueMail } from '../../platform/mail.js';
import { audit, auditIn } from './audit.service.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { revokeSessions } from './sessions.service.js';
import { insertTenant, slugify } from './tenants.service.js';
import { randomToken, sha256 } from './tokens.js';

export type UserRow = {
  id: string;
  email: string;
  name: string;
  passwordHash: string | null;
  emailVerifiedAt: string | null;
  isOperator: boolean;
  status: 'active' | 'disabled';
};

const userCols = `id, email::text as email, name, password_hash as "passwordHash", email_verified_at as "emailVerifiedAt",
  is_operator as "isOperator", status`;

export async function findUserByEmail(db: Hub['db'], email: string): Promise<UserRow | undefined> {
  const { rows } = await db.admin.query(`select ${userCols} from identity.users where email = $1`, [
    email.trim(),
  ]);
  return rows[0];
}

export async function findUserById(db: Hub['db'], id: string): Promise<UserRow | undefined> {
  const { rows } = await db.admin.query(`select ${userCols} from identity.users where id = $1`, [id]);
  return rows[0];
}

async function emailToken(
  tx: Parameters<Parameters<typeof withSystem>[1]>[0],
  userId: string,
  purpose: 'verify_email' | 'reset_password',
  hours: number,
) {
  const token = randomToken();
  await exec(
    tx,
    sql`insert into identity.email_tokens (token_hash, user_id, purpose, expires_at)
    values (${sha256(token)}, ${userId}, ${purpose}, now() + make_interval(hours => ${hours}))`,
  );
  return token;
}

/**
 * Sign-up creates the user, a tenant they own and a verification mail, in one transaction.
 * An address that already has an account gets a "you already have an account" mail and the
 * same answer, so sign-up cannot be used to find out who has an account.
 */
export async function signup(
  hub: Hub,
  ctx: Ctx,
  input: { email: string; password: string; name: string; tenantName: string; kind?: 'agency' | 'business' },
) {
  checkPasswordPolicy(input.password);
  const email = input.email.trim().toLowerCase();
  const existing = await findUserByEmail(hub.db, email);
  const hash = await hashPassword(input.password);
  if (existing) {
    await withSystem(ctx, (tx) =>
      enqueueMail(tx, {
        to: email,
        subject: 'You already have a BizOSaaS account',
        text: `Someone (maybe you) tried to sign up with this address. You already have an account: sign in at ${hub.config.PUBLIC_URL}/signin, or reset your password at ${hub.config.PUBLIC_URL}/forgot-password.`,
      }),
    );
    return;
  }
  const userId = uuidv7();
  try {
    // One transaction: the tenant, its owner, the verification token, the mail and the audit entry
    // exist together or not at all.
    await withSystem(ctx, async (tx) => {
      const tenant = await insertTenant(tx, {
        name: input.tenantName,
        slug: `${slugify(input.tenantName) || 'tenant'}-${
          randomToken(4)
            .toLowerCase()
            .replace(/[^a-z0-9]/g, '')
            .slice(0, 5) || 'x'
        }`,
        kind: input.kind ?? 'business',
      });
      await exec(
        tx,
        sql`insert into identity.users (id, email, name, password_hash, password_changed_at)
        values (${userId}, ${email}, ${input.name.trim()}, ${hash}, now())`,
      );
      await exec(
        tx,
        sql`insert into identity.memberships (tenant_id, id, user_id, role) values (${tenant.id}, ${uuidv7()}, ${userId}, 'owner')`,
      );
      const token = await emailToken(tx, userId, 'verify_email', 48);
      await enqueueMail(tx, {
        to: email,
        subject: 'Confirm your e-mail address',
        text: `Welcome to BizOSaaS, ${input.name.trim()}!\n\nConfirm your address to start using ${tenant.name}:\n${hub.config.PUBLIC_URL}/api/brain/auth/verify-email?token=${token}\n\nThe link works for 48 hours.`,
      });
      await audit(
        { ...ctx, actor: { kind: 'system', name: 'signup' }, tenantId: tenant.id, tx },
        'user.signed_up',
        {
          targetType: 'user',
          targetId: userId,
          data: { email },
        },
      );
    });
  } catch (err) {
    // Two sign-ups for one address at the same moment: the second gets the first one's answer.
    if (
      (err as { code?: string; constraint?: string }).code === '23505' &&
      /users_email/.test(String((err as { constraint?: string }).constraint))
    ) {
      return signup(hub, ctx, input);
    }
    throw err;
  }
}

async function consumeEmailToken(
  hub: Hub,
  token: string,
  purpose: 'verify_email' | 'reset_password',
): Promise<string> {
  const { rows } = await hub.db.admin.query(
    `update identity.email_tokens set used_at = now()
     where token_hash = $1 and purpose = $2 and used_at is null and expires_at > now() returning user_id`,
    [sha256(token), purpose],
  );
  if (!rows[0]) {
    throw new AppError('AUTH.TOKEN_INVALID', 400, 'token: the link is invalid, expired or was already used');
  }
  return rows[0].user_id;
}

export async function verifyEmail(hub: Hub, token: string) {
  const userId = await consumeEmailToken(hub, token, 'verify_email');
  await hub.db.admin.query(
    `update identity.users set email_verified_at = coalesce(email_verified_at, now()), updated_at = now() where id = $1`,
    [userId],
  );
  return userId;
}

export async function resendVerification(hub: Hub, ctx: Ctx, email: string) {
  const user = await findUserByEmail(hub.db, email);
  if (!user || user.emailVerifiedAt) return;
  await withSystem(ctx, async (tx) => {
    const token = await emailToken(tx, user.id, 'verify_email', 48);
    await enqueueMail(tx, {
      to: user.email,
      subject: 'Confirm your e-mail address',
      text: `Confirm your address:\n${hub.config.PUBLIC_URL}/api/brain/auth/verify-email?token=${token}\n\nThe link works for 48 hours.`,
    });
  });
}

/** Always answers the same; mails a single-use link valid for one hour when the account exists. */
export async function requestPasswordReset(hub: Hub, ctx: Ctx, email: string) {
  const user = await findUserByEmail(hub.db, email);
  if (user?.status !== 'active') return;
  await withSystem(ctx, async (tx) => {
    const token = await emailToken(tx, user.id, 'reset_password', 1);
    await enqueueMail(tx, {
      to: user.email,
      subject: 'Reset your BizOSaaS password',
      text: `Someone asked to reset the password of this account. If it was you, choose a new one here:\n${hub.config.PUBLIC_URL}/reset-password?token=${token}\n\nThe link works once, for one hour. If it was not you, ignore this mail.`,
    });
  });
}

async function memberTenants(hub: Hub, userId: string): Promise<string[]> {
  const { rows } = await hub.db.admin.query(`select tenant_id from identity.memberships where user_id = $1`, [
    userId,
  ]);
  return rows.map((r) => r.tenant_id);
}

async function setPassword(hub: Hub, userId: string, password: string) {
  checkPasswordPolicy(password);
  const hash = await hashPassword(password);
  await hub.db.admin.query(
    `update identity.users set password_hash = $2, password_changed_at = now(), updated_at = now(),
       email_verified_at = coalesce(email_verified_at, now()) where id = $1`,
    [userId, hash],
  );
}

/** A reset proves control of the mailbox; every session of the account ends. */
export async function resetPassword(hub: Hub, ctx: Ctx, token: string, password: string) {
  checkPasswordPolicy(password);
  const userId = await consumeEmailToken(hub, token, 'reset_password');
  await setPassword(hub, userId, password);
  await revokeSessions(hub, { userId }, 'password_reset');
  const user = await findUserById(hub.db, userId);
  for (const t of await memberTenants(hub, userId)) {
    await auditIn(ctx, t, 'password.reset', {
      targetType: 'user',
      targetId: userId,
      actor: { kind: 'user', id: userId, email: user?.email ?? null },
    });
  }
}

/** Changing the password ends every other session; the current one goes on. */
export async function changePassword(hub: Hub, ctx: Ctx, current: string, next: string) {
  if (ctx.actor.kind !== 'user')
    throw new AppError('AUTH.USER_REQUIRED', 403, 'Only a signed-in user can change a password');
  const { userId, sessionId } = ctx.actor;
  const user = await findUserById(hub.db, userId);
  if (!user || !(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('IDENTITY.PASSWORD_WRONG', 400, 'currentPassword: is not correct');
  }
  if (current === next)
    throw new AppError(
      'IDENTITY.PASSWORD_UNCHANGED',
      400,
      'newPassword: must differ from the current password',
    );
  checkPasswordPolicy(next, 'newPassword');
  await setPassword(hub, userId, next);
  const ended = await revokeSessions(hub, { userId, exceptSessionId: sessionId }, 'password_changed');
  for (const t of await memberTenants(hub, userId)) {
    await auditIn(ctx, t, 'password.changed', {
      targetType: 'user',
      targetId: userId,
      data: { sessionsEnded: ended },
    });
  }
  return ended;
}

export async function updateProfile(
  hub: Hub,
  userId: string,
  patch: { name?: string; settings?: Record<string, unknown> },
) {
  await hub.db.admin.query(
    `update identity.users set name = coalesce($2, name), settings = settings || coalesce($3::jsonb, '{}'), updated_at = now() where id = $1`,
    [userId, patch.name?.trim() ?? null, patch.settings ? JSON.stringify(patch.settings) : null],
  );
}

export async function profile(hub: Hub, userId: string) {
  const { rows } = await hub.db.admin.query(
    `select u.id, u.email::text as email, u.name, u.email_verified_at is not null as "emailVerified", u.is_operator as "isOperator",
       u.settings, u.created_at as "createdAt",
       coalesce((select json_agg(json_build_object('tenantId', t.id, 'tenantName', t.name, 'tenantSlug', t.slug,
         'tenantKind', t.kind, 'parentId', t.parent_id, 'role', m.role, 'source', m.source) order by t.name)
         from identity.memberships m join identity.tenants t on t.id = m.tenant_id
         where m.user_id = u.id and t.status = 'active'), '[]') as memberships
     from identity.users u where u.id = $1`,
    [userId],
  );
  if (!rows[0]) throw new AppError('IDENTITY.USER_NOT_FOUND', 404, 'User was not found');
  return rows[0];
}
