import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Logger } from 'pino';
import { roleAllows, scopesAllow } from './access.js';
import type { Actor } from './context.js';
import { AppError } from './errors.js';
import type { Hub } from './hub.js';

export interface Principal {
  tenantId: string | null;
  actor: Exclude<Actor, { kind: 'anonymous' } | { kind: 'system' }>;
}

/** Reads the request's credentials; null when it carries none, AppError 401 when they are bad. */
export type Authenticator = (req: FastifyRequest) => Promise<Principal | null>;

export interface RouteRecord {
  method: string;
  url: string;
  public: boolean;
  operator: boolean;
  permission?: string;
}

const unauthenticated = () =>
  new AppError('AUTH.REQUIRED', 401, 'Sign in or send a Bearer token in the Authorization header', {
    wwwAuthenticate: 'Bearer realm="bizosaas"',
  });

/**
 * One permission check for every route. Fails closed: a route that declares neither a
 * permission, `public` nor `operator` answers 403 (and the OpenAPI walk test fails).
 */
export function installGuard(app: FastifyInstance, hub: Hub, routes: RouteRecord[]) {
  app.addHook('onRoute', (route: RouteOptions) => {
    // The API documentation itself is public.
    if (route.url === '/docs' || route.url.startsWith('/docs/'))
      route.config = { ...(route.config ?? {}), public: true };
    const cfg = (route.config ?? {}) as NonNullable<RouteOptions['config']> & Record<string, unknown>;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({
        method,
        url: route.url,
        public: Boolean(cfg.public),
        operator: Boolean(cfg.operator),
        permission: cfg.permission,
      });
    }
    if (!cfg.public && route.schema) {
      const schema = route.schema as Record<string, unknown>;
      schema.security ??= [{ bearer: [] }];
      const need = cfg.operator
        ? 'platform operator'
        : cfg.permission
          ? `permission \`${cfg.permission}\``
          : 'nothing (closed)';
      schema.description = `${schema.description ? `${schema.description}\n\n` : ''}Requires ${need}.`;
    }
  });

  app.addHook('onRequest', async (req) => {
    if (!req.routeOptions.url) return; // unknown route: the 404 handler answers
    req.ctx.ip = req.ip;
    req.ctx.userAgent = req.headers['user-agent'];
    const cfg = req.routeOptions.config;
    if (cfg.public && !cfg.authOptional) return;
    const principal = hub.authenticate ? await hub.authenticate(req) : null;
    if (!principal) {
      if (cfg.public) return;
      throw unauthenticated();
    }
    req.ctx.tenantId = principal.tenantId;
    req.ctx.actor = principal.actor;
    // The request's logger is already a per-request child: add the bindings instead of another child.
    (req.log as Logger).setBindings({
      tenantId: principal.tenantId,
      actor: principal.actor.kind === 'user' ? principal.actor.userId : principal.actor.keyId,
    });
    if (cfg.public) return;
    const actor = principal.actor;
    if (cfg.operator) {
      if (actor.kind === 'user' && actor.operator) return;
      throw new AppError('AUTH.OPERATOR_ONLY', 403, 'Only platform operators may do this');
    }
    const permission = cfg.permission;
    if (!permission) throw new AppError('AUTH.ROUTE_CLOSED', 403, 'This route declares no permission');
    if (permission !== 'self' && !cfg.tenantless && !principal.tenantId) {
      throw new AppError(
        'AUTH.TENANT_REQUIRED',
        400,
        'Switch to a tenant first (POST /api/brain/auth/switch-tenant)',
      );
    }
    const allowed =
      actor.kind === 'user'
        ? actor.role
          ? roleAllows(actor.role, permission)
          : permission === 'self'
        : scopesAllow(actor.scopes, permission);
    if (!allowed) throw new AppError('AUTH.FORBIDDEN', 403, `This needs the permission ${permission}`);
  });
}
