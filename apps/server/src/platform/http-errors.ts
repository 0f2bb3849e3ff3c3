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
  app.setNotFoundHandler((req: FastifyRequest, reply: FastifyReply) =>
    sendProblem(reply, {
      status: 404,
      code: 'HTTP.ROUTE_NOT_FOUND',
      detail: `No route ${req.method} ${req.url.split('?')[0]}`,
    }),
  );

  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      if (err.status >= 500) req.log.error({ err }, err.message);
      if (typeof err.extra.retryAfter === 'number') reply.header('retry-after', String(err.extra.retryAfter));
      if (typeof err.extra.wwwAuthenticate === 'string') reply.header('www-authenticate', err.extra.wwwAuthenticate);
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
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause?.issues }, 'response did not match its schema');
      return sendProblem(reply, { status: 500, code: 'HTTP.INTERNAL', detail: 'An unexpected error occurred' });
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
