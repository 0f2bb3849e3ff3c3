import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { permissionsOf } from '../../platform/access.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { enforceLimit } from '../../platform/rate-limit.js';
import { clientCredentials, refresh, signIn, switchTenant } from './auth.service.js';
import { COOKIE_CSRF, COOKIE_REFRESH, clearAuthCookies, setAuthCookies } from './authn.js';
import { limits } from './limits.js';
import { email, meSchema, oauthError, ok, password, signedIn, tokenResponse, uuid } from './schemas.js';
import { revokeSessions } from './sessions.service.js';
import { randomToken, type TokenService } from './tokens.js';
import { profile, signup } from './users.service.js';

const tags = ['auth'];

function oauthFailure(reply: FastifyReply, err: unknown) {
  if (!(err instanceof AppError)) throw err;
  if (err.status === 429) throw err;
  const code =
    (err.extra.oauthError as string | undefined) ??
    (err.status === 400 ? 'invalid_request' : 'invalid_grant');
  if (code === 'invalid_client') reply.header('www-authenticate', 'Basic realm="bizosaas"');
  return reply
    .status(code === 'invalid_client' ? 401 : 400)
    .header('cache-control', 'no-store')
    .send({ error: code as z.infer<typeof oauthError>['error'], error_description: err.message });
}

/** Sign-up, sign-in (cookies for the console, OAuth2 tokens for everything else), refresh, me. */
export function authRoutes(tokens: TokenService): FastifyPluginAsyncZod<{ hub: Hub }> {
  return async (app, { hub }) => {
    app.post(
      '/signup',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Create an account and a tenant it owns; sends a verification mail',
          body: z.object({
            email,
            password,
            name: z.string().trim().min(1).max(200),
            tenantName: z.string().trim().min(1).max(200),
            kind: z.enum(['agency', 'business']).optional(),
          }),
          response: { 202: z.object({ status: z.literal('verification_sent'), email: z.string() }) },
        },
      },
      async (req, reply) => {
        await enforceLimit(hub, limits.signupIp, req.ip);
        await signup(hub, req.ctx, req.body);
        return reply
          .status(202)
          .send({ status: 'verification_sent' as const, email: req.body.email.trim().toLowerCase() });
      },
    );

    app.post(
      '/login',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Console sign-in: sets httpOnly session cookies and a CSRF cookie',
          body: z.object({ email, password, tenantId: uuid.optional() }),
          response: { 200: signedIn },
        },
      },
      async (req, reply) => {
        const { user, issued } = await signIn(hub, tokens, req.ctx, req.body);
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

    app.post(
      '/token',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'OAuth2 token endpoint (RFC 6749): password, refresh_token and client_credentials grants',
          description:
            'Accepts application/x-www-form-urlencoded or JSON. Client credentials: client_id is the API key id, client_secret the key (in the body or HTTP Basic).',
          body: z.object({
            grant_type: z.string().optional(),
            username: z.string().optional(),
            password: z.string().optional(),
            refresh_token: z.string().optional(),
            client_id: z.string().optional(),
            client_secret: z.string().optional(),
            scope: z.string().optional(),
            tenant_id: z.string().optional(),
          }),
          response: { 200: tokenResponse, 400: oauthError, 401: oauthError },
        },
      },
      async (req, reply) => {
        const b = req.body;
        reply.header('cache-control', 'no-store').header('pragma', 'no-cache');
        try {
          await enforceLimit(hub, limits.tokenIp, req.ip);
          if (b.grant_type === 'password') {
            if (!b.username || !b.password)
              throw new AppError('AUTH.INVALID_REQUEST', 400, 'username and password are required', {
                oauthError: 'invalid_request',
              });
            if (b.tenant_id && !uuid.safeParse(b.tenant_id).success)
              throw new AppError('AUTH.INVALID_REQUEST', 400, 'tenant_id must be a UUID', {
                oauthError: 'invalid_request',
              });
            const { issued } = await signIn(hub, tokens, req.ctx, {
              email: b.username,
              password: b.password,
              tenantId: b.tenant_id,
            });
            return {
              access_token: issued.accessToken,
              token_type: 'Bearer' as const,
              expires_in: issued.expiresIn,
              refresh_token: issued.refreshToken,
            };
          }
          if (b.grant_type === 'refresh_token') {
            if (!b.refresh_token)
              throw new AppError('AUTH.INVALID_REQUEST', 400, 'refresh_token is required', {
                oauthError: 'invalid_request',
              });
            const issued = await refresh(hub, tokens, req.ctx, b.refresh_token);
            return {
              access_token: issued.accessToken,
              token_type: 'Bearer' as const,
              expires_in: issued.expiresIn,
              refresh_token: issued.refreshToken,
            };
          }
          if (b.grant_type === 'client_credentials') {
            let id = b.client_id;
            let secret = b.client_secret;
            const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization ?? '');
            if (basic) {
              const [u, p] = Buffer.from(basic[1]!, 'base64').toString('utf8').split(':');
              id = decodeURIComponent(u ?? '');
              secret = decodeURIComponent(p ?? '');
            }
            if (!id || !secret)
              throw new AppError('AUTH.INVALID_CLIENT', 401, 'Client authentication is required', {
                oauthError: 'invalid_client',
              });
            const t = await clientCredentials(hub, tokens, id, secret);
            return {
              access_token: t.accessToken,
              token_type: 'Bearer' as const,
              expires_in: t.expiresIn,
              scope: t.scope,
            };
          }
          throw new AppError(
            'AUTH.UNSUPPORTED_GRANT',
            400,
            `grant_type must be password, refresh_token or client_credentials`,
            {
              oauthError: b.grant_type ? 'unsupported_grant_type' : 'invalid_request',
            },
          );
        } catch (err) {
          return oauthFailure(reply, err);
        }
      },
    );

    app.post(
      '/refresh',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Console: rotate the refresh cookie and get a new access cookie',
          response: { 200: signedIn.omit({ user: true }) },
        },
      },
      async (req, reply) => {
        const rt = req.cookies[COOKIE_REFRESH];
        if (!rt)
          throw new AppError('AUTH.REQUIRED', 401, 'No session cookie', {
            wwwAuthenticate: 'Bearer realm="bizosaas"',
          });
        const csrf = req.cookies[COOKIE_CSRF];
        if (!csrf || req.headers['x-csrf-token'] !== csrf)
          throw new AppError('AUTH.CSRF', 403, 'Missing or wrong x-csrf-token header');
        try {
          const issued = await refresh(hub, tokens, req.ctx, rt);
          setAuthCookies(hub, reply, issued, csrf);
          return {
            tenantId: issued.tenantId,
            role: issued.role,
            expiresIn: issued.expiresIn,
            csrfToken: csrf,
          };
        } catch (err) {
          clearAuthCookies(reply);
          if (err instanceof AppError && err.status === 400)
            throw new AppError('AUTH.SESSION_ENDED', 401, err.message, {
              wwwAuthenticate: 'Bearer realm="bizosaas"',
            });
          throw err;
        }
      },
    );

    app.post(
      '/logout',
      {
        config: { permission: 'self', tenantless: true },
        schema: { tags, summary: 'Sign out: revokes this session on the server', response: { 200: ok } },
      },
      async (req, reply) => {
        if (req.ctx.actor.kind === 'user')
          await revokeSessions(hub, { sessionId: req.ctx.actor.sessionId }, 'signed_out');
        clearAuthCookies(reply);
        return { ok: true as const };
      },
    );

    app.get(
      '/me',
      {
        config: { permission: 'self', tenantless: true },
        schema: {
          tags,
          summary: 'The signed-in user, their memberships and the active tenant',
          response: { 200: meSchema },
        },
      },
      async (req) => {
        const actor = req.ctx.actor;
        if (actor.kind !== 'user')
          throw new AppError('AUTH.USER_REQUIRED', 403, 'This needs a user token, not an API key');
        const p = await profile(hub, actor.userId);
        const { memberships, ...user } = p;
        let active = memberships.find((m: { tenantId: string }) => m.tenantId === req.ctx.tenantId) ?? null;
        if (!active && req.ctx.tenantId && actor.operator) {
          const { rows } = await hub.db.admin.query(
            `select id as "tenantId", name as "tenantName", slug as "tenantSlug", kind as "tenantKind", parent_id as "parentId" from identity.tenants where id = $1`,
            [req.ctx.tenantId],
          );
          if (rows[0]) active = { ...rows[0], role: actor.role, source: 'direct' };
        }
        return {
          user,
          memberships,
          activeTenant: active,
          role: actor.role,
          permissions: permissionsOf(req.ctx.tenantId ? actor.role : null),
          sessionId: actor.sessionId,
        };
      },
    );

    app.post(
      '/switch-tenant',
      {
        config: { permission: 'self', tenantless: true },
        schema: {
          tags,
          summary: 'Issue a token for another tenant of yours (agency staff: a client tenant)',
          body: z.object({ tenantId: uuid }),
          response: {
            200: z.object({
              accessToken: z.string(),
              expiresIn: z.number(),
              tenantId: z.string(),
              role: z.string(),
            }),
          },
        },
      },
      async (req, reply) => {
        const t = await switchTenant(hub, tokens, req.ctx, req.body.tenantId);
        if (req.cookies[COOKIE_CSRF]) {
          reply.setCookie('bos_at', t.accessToken, {
            path: '/',
            httpOnly: true,
            secure: hub.config.COOKIE_SECURE,
            sameSite: 'lax',
            maxAge: t.expiresIn,
          });
        }
        return { accessToken: t.accessToken, expiresIn: t.expiresIn, tenantId: t.tenantId, role: t.role };
      },
    );

    app.get(
      '/.well-known/jwks.json',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Public keys that verify access tokens (EdDSA, by kid)',
          response: { 200: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) },
        },
      },
      async () => tokens.jwks(),
    );
  };
}
