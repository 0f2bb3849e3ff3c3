import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { enforceLimit } from '../../platform/rate-limit.js';
import { openSession } from './auth.service.js';
import { setAuthCookies } from './authn.js';
import { limits } from './limits.js';
import { acceptInvitation, findInvitation } from './members.service.js';
import { checkPasswordPolicy, hashPassword, verifyPassword } from './passwords.js';
import { email, idParams, ok, password, signedIn } from './schemas.js';
import { listSessions, revokeSessions } from './sessions.service.js';
import { randomToken, type TokenService } from './tokens.js';
import {
  changePassword,
  findUserByEmail,
  findUserById,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  updateProfile,
  verifyEmail,
} from './users.service.js';

const tags = ['account'];
const token = z.string().min(10).max(200);
const accepted = z.object({ status: z.literal('accepted') });

/** E-mail verification, password reset and change, sessions, profile, invitations. */
export function accountRoutes(tokens: TokenService): FastifyPluginAsyncZod<{ hub: Hub }> {
  return async (app, { hub }) => {
    app.get(
      '/verify-email',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The link in the verification mail: confirms and redirects to sign-in',
          querystring: z.object({ token }),
        },
      },
      async (req, reply) => {
        await enforceLimit(hub, limits.verifyIp, req.ip);
        try {
          await verifyEmail(hub, req.query.token);
          return reply.redirect('/signin?verified=1', 303);
        } catch (err) {
          if (err instanceof AppError) return reply.redirect('/signin?verified=0', 303);
          throw err;
        }
      },
    );

    app.post(
      '/verify-email',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Confirm an e-mail address with the token from the mail',
          body: z.object({ token }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await enforceLimit(hub, limits.verifyIp, req.ip);
        await verifyEmail(hub, req.body.token);
        return { ok: true as const };
      },
    );

    app.post(
      '/verify-email/resend',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Send the verification mail again',
          body: z.object({ email }),
          response: { 202: accepted },
        },
      },
      async (req, reply) => {
        await enforceLimit(hub, limits.resetIp, req.ip);
        await enforceLimit(hub, limits.resetAccount, `verify:${req.body.email}`);
        await resendVerification(hub, req.ctx, req.body.email);
        return reply.status(202).send({ status: 'accepted' as const });
      },
    );

    app.post(
      '/password/forgot',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Mail a single-use reset link (same answer whether or not the account exists)',
          body: z.object({ email }),
          response: { 202: accepted },
        },
      },
      async (req, reply) => {
        await enforceLimit(hub, limits.resetIp, req.ip);
        await enforceLimit(hub, limits.resetAccount, req.body.email);
        await requestPasswordReset(hub, req.ctx, req.body.email);
        return reply.status(202).send({ status: 'accepted' as const });
      },
    );

    app.post(
      '/password/reset',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Set a new password with the emailed token; ends every session',
          body: z.object({ token, password }),
          response: { 200: ok },
        },
      },
      async (req) => {
        await enforceLimit(hub, limits.resetIp, req.ip);
        await resetPassword(hub, req.ctx, req.body.token, req.body.password);
        return { ok: true as const };
      },
    );

    app.post(
      '/password/change',
      {
        config: { permission: 'self', tenantless: true },
        schema: {
          tags,
          summary: 'Change your password; every other session ends',
          body: z.object({ currentPassword: password, newPassword: password }),
          response: { 200: z.object({ ok: z.literal(true), sessionsEnded: z.number() }) },
        },
      },
      async (req) => {
        await enforceLimit(
          hub,
          limits.signinAccount,
          req.ctx.actor.kind === 'user' ? req.ctx.actor.email : 'x',
        );
        const ended = await changePassword(hub, req.ctx, req.body.currentPassword, req.body.newPassword);
        return { ok: true as const, sessionsEnded: ended };
      },
    );

    const sessionSchema = z.object({
      id: z.string(),
      tenantId: z.string().nullable(),
      kind: z.string(),
      ip: z.string().nullable(),
      userAgent: z.string().nullable(),
      createdAt: z.string(),
      lastUsedAt: z.string(),
      expiresAt: z.string(),
      current: z.boolean(),
    });

    app.get(
      '/sessions',
      {
        config: { permission: 'self', tenantless: true },
        schema: {
          tags,
          summary: 'Your active sessions',
          response: { 200: z.object({ items: z.array(sessionSchema) }) },
        },
      },
      async (req) => {
        if (req.ctx.actor.kind !== 'user')
          throw new AppError('AUTH.USER_REQUIRED', 403, 'This needs a user token');
        const current = req.ctx.actor.sessionId;
        const items = await listSessions(hub, req.ctx.actor.userId);
        return { items: items.map((s) => ({ ...s, current: s.id === current })) };
      },
    );

    app.delete(
      '/sessions/:id',
      {
        config: { permission: 'self', tenantless: true },
        schema: { tags, summary: 'Revoke one of your sessions', params: idParams, response: { 200: ok } },
      },
      async (req) => {
        if (req.ctx.actor.kind !== 'user')
          throw new AppError('AUTH.USER_REQUIRED', 403, 'This needs a user token');
        const n = await revokeSessions(
          hub,
          { sessionId: req.params.id, userId: req.ctx.actor.userId },
          'revoked_by_user',
        );
        if (!n) throw new AppError('AUTH.SESSION_NOT_FOUND', 404, `Session ${req.params.id} was not found`);
        return { ok: true as const };
      },
    );

    app.patch(
      '/profile',
      {
        config: { permission: 'self', tenantless: true },
        schema: {
          tags,
          summary: 'Update your name and personal settings',
          body: z.object({
            name: z.string().trim().min(1).max(200).optional(),
            settings: z
              .object({
                theme: z.enum(['light', 'dark', 'auto']).optional(),
                locale: z.string().max(20).optional(),
                timezone: z.string().max(60).optional(),
              })
              .optional(),
          }),
          response: { 200: ok },
        },
      },
      async (req) => {
        if (req.ctx.actor.kind !== 'user')
          throw new AppError('AUTH.USER_REQUIRED', 403, 'This needs a user token');
        await updateProfile(hub, req.ctx.actor.userId, req.body);
        return { ok: true as const };
      },
    );

    app.get(
      '/invitations/lookup',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'What an invitation link is for (tenant, role, whether the address has an account)',
          querystring: z.object({ token }),
          response: {
            200: z.object({
              tenantName: z.string(),
              email: z.string(),
              role: z.string(),
              accountExists: z.boolean(),
            }),
          },
        },
      },
      async (req) => {
        const inv = await findInvitation(hub, req.query.token);
        return {
          tenantName: inv.tenantName,
          email: inv.email,
          role: inv.role,
          accountExists: Boolean(await findUserByEmail(hub.db, inv.email)),
        };
      },
    );

    app.post(
      '/invitations/accept',
      {
        config: { public: true, authOptional: true },
        schema: {
          tags,
          summary:
            'Accept an invitation: a new user sets name and password; an existing one signs in or proves the password',
          body: z.object({
            token,
            name: z.string().trim().min(1).max(200).optional(),
            password: password.optional(),
          }),
          response: { 200: signedIn },
        },
      },
      async (req, reply) => {
        await enforceLimit(hub, limits.signinIp, req.ip);
        const inv = await findInvitation(hub, req.body.token);
        let user = await findUserByEmail(hub.db, inv.email);
        const actor = req.ctx.actor;
        if (user) {
          const signedInAsInvitee = actor.kind === 'user' && actor.userId === user.id;
          if (
            !signedInAsInvitee &&
            !(req.body.password && (await verifyPassword(user.passwordHash, req.body.password)))
          ) {
            throw new AppError(
              'AUTH.INVALID_CREDENTIALS',
              401,
              'password: sign in as the invited address, or give its password',
            );
          }
        } else {
          if (!req.body.name || !req.body.password) {
            throw new AppError(
              'IDENTITY.ACCOUNT_DETAILS_REQUIRED',
              400,
              'name and password are required to create the invited account',
            );
          }
          checkPasswordPolicy(req.body.password);
          const id = uuidv7();
          await hub.db.admin.query(
            `insert into identity.users (id, email, name, password_hash, email_verified_at, password_changed_at) values ($1, $2, $3, $4, now(), now())`,
            [id, inv.email, req.body.name, await hashPassword(req.body.password)],
          );
          user = (await findUserById(hub.db, id))!;
        }
        await acceptInvitation(req.ctx, inv, user);
        const issued = await openSession(hub, tokens, req.ctx, user, inv.tenantId, 'invitation');
        const csrfToken = randomToken(24);
        setAuthCookies(hub, reply, issued, csrfToken);
        return {
          user: { id: user.id, email: user.email, name: user.name },
          tenantId: issued.tenantId,
          role: issued.role,
          expiresIn: issued.expiresIn,
          csrfToken,
        };
      },
    );
  };
}
