import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, statusTitles } from './errors.js';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  errors?: { field: string; message: string }[];
}

export function sendProblem(
  reply: FastifyReply,
  problem: Omit<Problem, 'type' | 'title'> & { title?: string } & Record<string, unknown>,
) {
  const body: Problem & Record<string, unknown> = {
    type: `https://bizosaas.dev/problems/${problem.code.toLowerCase().replace(/[._]/g, '-')}`,
    title: problem.title ?? statusTitles[problem.status] ?? 'Error',
    ...problem,
    instance: reply.request.url,
  };
  return reply.status(problem.status).type('application/problem+json; charset=utf-8').send(body);
}

/**
 * Answers a request that matched no route before the 404 problem does (the console's SPA
 * fallback); returns undefined to pass.
 */
export type NotFoundFallback = (req: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

declare module 'fastify' {
  interface FastifyInstance {
    /** Tried in order by the not-found handler; plugins push to it. */
    notFoundFallbacks: NotFoundFallback[];
  }
}

/** Fastify's own client errors, mapped to stable codes. */
const fastifyCodes: Record<string, { status: number; code: string; detail?: string }> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'HTTP.UNSUPPORTED_MEDIA_TYPE' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'HTTP.BODY_TOO_LARGE' },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    status: 400,
    code: 'HTTP.EMPTY_JSON_BODY',
    detail: "body: a request with content-type 'application/json' must have a JSON body",
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'HTTP.INVALID_JSON' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'HTTP.INVALID_CONTENT_LENGTH' },
  FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'HTTP.INVALID_CONTENT_TYPE' },
};

/**
 * One error handler for the whole hub: RFC 9457 problem+json with a stable `code`. Client
 * mistakes are 4xx naming the field; anything unexpected is logged in full and answered with
 * a 500 that shows nothing of the internals.
 */
export function installErrorHandlers(app: FastifyInstance) {
  const fallbacks: NotFoundFallback[] = [];
  app.decorate('notFoundFallbacks', fallbacks);
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) => {
    for (const fallback of fallbacks) {
      const answered = fallback(req, reply);
      if (answered) return answered;
    }
    return sendProblem(reply, {
      status: 404,
      code: 'HTTP.ROUTE_NOT_FOUND',
      detail: `No route ${req.method} ${req.url.split('?')[0]}`,
    });
  });

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
      if (typeof err.extra.wwwAuthenticate === 'string')
        reply.header('www-authenticate', err.extra.wwwAuthenticate);
      const { wwwAuthenticate: _w, ...extra } = err.extra;
      return sendProblem(reply, { status: err.status, code: err.code, detail: err.message, ...extra });
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => {
        const p = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
        return { field: p ? `${where}.${p}` : where, message: v.message ?? 'is invalid' };
      });
      return sendProblem(reply, {
        status: 400,
        code: 'HTTP.VALIDATION_FAILED',
        detail: errors.map((e) => `${e.field}: ${e.message}`).join('; '),
        errors,
      });
    }
    const pgError = postgresClientError(err);
    if (pgError) return sendProblem(reply, pgError);
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
      return sendProblem(reply, {
        status: 500,
        code: 'HTTP.INTERNAL',
        detail: 'An unexpected error occurred',
      });
    }
    const known = err.code ? fastifyCodes[err.code] : undefined;
    if (known) {
      return sendProblem(reply, {
        status: known.status,
        code: known.code,
        detail: known.detail ?? (known.code === 'HTTP.INVALID_JSON' ? `body: ${err.message}` : err.message),
      });
    }
    if (err.statusCode === 429) {
      return sendProblem(reply, { status: 429, code: 'HTTP.RATE_LIMITED', detail: err.message });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendProblem(reply, {
        status: err.statusCode,
        code: `HTTP.${(err.code ?? 'CLIENT_ERROR').replace(/^FST_ERR_/, '')}`,
        detail: err.message,
      });
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(reply, { status: 500, code: 'HTTP.INTERNAL', detail: 'An unexpected error occurred' });
  });
}

/**
 * Constraint violations that reach the handler are the client's doing (a duplicate, a reference
 * to something missing): answer 409/400 naming the constraint, never a 500.
 */
function postgresClientError(err: unknown): { status: number; code: string; detail: string } | undefined {
  const e = err as { code?: string; constraint?: string; column?: string; severity?: string };
  if (!e || typeof e.code !== 'string' || !e.severity) return undefined;
  const what = e.constraint ? ` (${e.constraint})` : e.column ? ` (${e.column})` : '';
  switch (e.code) {
    case '23505':
      return {
        status: 409,
        code: 'PLATFORM.CONFLICT',
        detail: `This conflicts with an existing record${what}`,
      };
    case '23503':
      return {
        status: 409,
        code: 'PLATFORM.REFERENCE_CONFLICT',
        detail: `A referenced record is missing or still in use${what}`,
      };
    case '23514':
    case '23502':
      return { status: 400, code: 'PLATFORM.CONSTRAINT_VIOLATED', detail: `A value is not allowed${what}` };
    case '22P02':
    case '22001':
    case '22003':
    case '22007':
    case '22008':
      return {
        status: 400,
        code: 'PLATFORM.INVALID_VALUE',
        detail: 'A value has the wrong form or is out of range',
      };
    default:
      return undefined;
  }
}
