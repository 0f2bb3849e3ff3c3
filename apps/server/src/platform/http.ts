import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Logger } from 'pino';
import type { Ctx } from './context.js';
import { installGuard } from './guard.js';
import { installErrorHandlers } from './http-errors.js';
import type { Hub } from './hub.js';

declare module 'fastify' {
  interface FastifyRequest {
    ctx: Ctx;
  }
}

/** Scripts, styles and connections from our own origin only; no framing; HTTPS remembered. */
export const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' https: data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "script-src 'self'",
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join(';'),
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'origin-agent-cluster': '?1',
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'x-content-type-options': 'nosniff',
  'x-dns-prefetch-control': 'off',
  'x-download-options': 'noopen',
  'x-frame-options': 'SAMEORIGIN',
  'x-permitted-cross-domain-policies': 'none',
  'x-xss-protection': '0',
};

const REQUEST_ID_RE = /^[A-Za-z0-9._:-]{1,128}$/;

export function requestId(req: { headers: Record<string, string | string[] | undefined> }) {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && REQUEST_ID_RE.test(incoming) ? incoming : randomUUID();
}

/** Cross-cutting HTTP: compilers, errors, headers, CORS, cookies, request context, metrics, docs. */
export async function installHttp(app: FastifyInstance, hub: Hub) {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandlers(app);

  // Security headers: the same set helmet sends, computed once (helmet rebuilt them on every
  // request: 3 % of a list request's CPU; see docs/decisions/0006-static-security-headers.md).
  app.addHook('onRequest', async (_req, reply) => {
    reply.headers(SECURITY_HEADERS);
  });
  await app.register(cors, {
    origin: hub.config.CORS_ORIGINS.length ? hub.config.CORS_ORIGINS : false,
    credentials: true,
    exposedHeaders: ['x-request-id', 'retry-after', 'www-authenticate'],
    maxAge: 600,
  });
  await app.register(cookie);
  // OAuth2 token requests arrive as forms (RFC 6749 §4).
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(body as string)));
  });

  app.decorateRequest('ctx', null as unknown as Ctx);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
    req.ctx = {
      tenantId: null,
      actor: { kind: 'anonymous' },
      log: req.log as Logger,
      db: hub.db,
      requestId: req.id,
    };
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? '(unmatched)';
    hub.metrics.requests.inc({ method: req.method, route, status: String(reply.statusCode) });
    hub.metrics.duration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
  });

  installGuard(app, hub, hub.routes);

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'BizOSaaS API',
        version: '0.1.0',
        description:
          'One API hub for identity, CRM, content, commerce, directory, analytics and agents. ' +
          'Errors are application/problem+json (RFC 9457) with a stable `code`.',
      },
      servers: [{ url: hub.config.PUBLIC_URL }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { deepLinking: true } });
}
