import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { enforceLimit, type Limit } from '../../platform/rate-limit.js';
import { openSession } from './auth.service.js';
import { setAuthCookies } from './authn.js';
import {
  callbackUrl,
  completeSignIn,
  findProvider,
  isSafeReturnTo,
  OIDC_COOKIE,
  OIDC_COOKIE_PATH,
  resolveUser,
  SsoError,
  type SsoErrorCode,
  startSignIn,
  takeTransaction,
} from './oidc.js';
import { randomToken, type TokenService } from './tokens.js';

const tags = ['auth'];
const ssoLimit: Limit = { name: 'sso:ip', max: 60, windowSeconds: 300 };

const providerParams = z.object({ provider: z.string().regex(/^[a-z0-9-]{1,32}$/, 'must be a provider id') });
const redirect = z.null().describe('A redirect (see the Location header)');
const unknownProvider = () =>
  new AppError('AUTH.SSO_PROVIDER_NOT_FOUND', 404, 'provider: no such sign-in provider');

function ssoFailure(reply: FastifyReply, code: SsoErrorCode) {
  return reply.header('cache-control', 'no-store').redirect(`/signin?sso_error=${code}`, 303);
}

/** Single sign-on with the platform's OpenID Connect providers (authorization code + PKCE). */
export function oidcRoutes(tokens: TokenService): FastifyPluginAsyncZod<{ hub: Hub }> {
  return async (app, { hub }) => {
    app.get(
      '/oidc/providers',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'The single sign-on providers the platform offers (for the sign-in page)',
          response: { 200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }) },
        },
      },
      async () => ({ items: hub.config.OIDC_PROVIDERS.map((p) => ({ id: p.id, name: p.name })) }),
    );

    app.get(
      '/oidc/:provider/start',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Start single sign-on: redirects to the provider (authorization code flow with PKCE)',
          params: providerParams,
          querystring: z.object({
            returnTo: z
              .string()
              .max(2000)
              .refine(isSafeReturnTo, 'must be a path on this site, starting with a single "/"')
              .default('/'),
          }),
          response: { 302: redirect },
        },
      },
      async (req, reply) => {
        const p = findProvider(hub, req.params.provider);
        if (!p) throw unknownProvider();
        await enforceLimit(hub, ssoLimit, req.ip);
        let started: Awaited<ReturnType<typeof startSignIn>>;
        try {
          started = await startSignIn(hub, p, req.query.returnTo);
        } catch (err) {
          if (!(err instanceof SsoError)) throw err;
          req.log.warn({ provider: p.id, reason: err.message }, 'single sign-on could not start');
          return ssoFailure(reply, err.code);
        }
        reply.setCookie(OIDC_COOKIE, started.state, {
          path: OIDC_COOKIE_PATH,
          httpOnly: true,
          secure: hub.config.COOKIE_SECURE,
          sameSite: 'lax',
          maxAge: started.maxAge,
        });
        return reply.header('cache-control', 'no-store').redirect(started.url, 302);
      },
    );

    app.get(
      '/oidc/:provider/callback',
      {
        config: { public: true },
        schema: {
          tags,
          summary: 'Where the provider sends the browser back: signs in and redirects to returnTo',
          description: 'Any failure redirects to /signin?sso_error=<code> without details.',
          params: providerParams,
          querystring: z.object({
            code: z.string().optional(),
            state: z.string().optional(),
            error: z.string().optional(),
            iss: z.string().optional(),
          }),
          response: { 303: redirect },
        },
      },
      async (req, reply) => {
        reply.clearCookie(OIDC_COOKIE, { path: OIDC_COOKIE_PATH });
        const p = findProvider(hub, req.params.provider);
        try {
          if (!p) throw new SsoError('invalid_state', 'unknown provider');
          await enforceLimit(hub, ssoLimit, req.ip).catch(() => {
            throw new SsoError('rate_limited', 'too many sign-in attempts');
          });
          const state = req.query.state;
          const tx = await takeTransaction(hub, p.id, state, req.cookies[OIDC_COOKIE]);
          if (req.query.error) {
            throw new SsoError(
              req.query.error === 'access_denied' ? 'access_denied' : 'provider_error',
              `provider answered ${req.query.error}`,
            );
          }
          // The URL the provider redirected to, with every parameter it added (code, state, iss, …).
          const current = new URL(callbackUrl(hub, p.id));
          current.search = new URL(req.url, 'http://x.invalid').search;
          const claims = await completeSignIn(hub, p, tx, current, state as string);
          const user = await resolveUser(hub, req.ctx, p.id, claims);
          const issued = await openSession(hub, tokens, req.ctx, user, undefined, 'oidc');
          setAuthCookies(hub, reply, issued, randomToken(24));
          req.log.info({ provider: p.id, userId: user.id }, 'signed in with single sign-on');
          return reply.header('cache-control', 'no-store').redirect(tx.returnTo, 303);
        } catch (err) {
          if (err instanceof SsoError) {
            req.log.warn(
              { provider: req.params.provider, code: err.code, reason: err.message },
              'single sign-on failed',
            );
            return ssoFailure(reply, err.code);
          }
          req.log.error({ err, provider: req.params.provider }, 'single sign-on failed');
          return ssoFailure(
            reply,
            err instanceof AppError && err.status === 429 ? 'rate_limited' : 'server_error',
          );
        }
      },
    );
  };
}
