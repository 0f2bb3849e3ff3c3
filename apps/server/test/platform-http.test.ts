import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from './helpers.js';

let app: FastifyInstance;
beforeAll(async () => {
  app = await buildTestApp({ BODY_LIMIT: '4096', CORS_ORIGINS: 'https://console.example.com' });
});
afterAll(() => app.close());

const problem = (res: { headers: Record<string, unknown>; json(): unknown }) => {
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  return res.json() as {
    type: string;
    title: string;
    status: number;
    detail: string;
    code: string;
    errors?: { field: string }[];
  };
};

describe('the hub over HTTP', () => {
  it('GET /health answers without I/O and carries a request id', async () => {
    const res = await app.inject('/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    const echoed = await app.inject({ url: '/health', headers: { 'x-request-id': 'trace-abc.123' } });
    expect(echoed.headers['x-request-id']).toBe('trace-abc.123');
    const hostile = await app.inject({ url: '/health', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(hostile.headers['x-request-id']).not.toContain('bad');
  });

  it('GET /ready reports each dependency', async () => {
    const res = await app.inject('/ready');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe('ok');
    expect(body.checks.database.status).toBe('up');
    expect(['up', 'disabled']).toContain(body.checks.redis.status);
    expect(body.checks.worker.status).toBe('disabled');
  });

  it('GET /ready answers 503 when a dependency is down', async () => {
    const broken = await buildTestApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    try {
      const res = await broken.inject('/ready');
      expect(res.statusCode).toBe(503);
      expect(res.json().checks.redis.status).toBe('down');
      expect(res.json().checks.database.status).toBe('up');
    } finally {
      await broken.close();
    }
  });

  it('GET /api/brain/status lists every module with version and health', async () => {
    const res = await app.inject('/api/brain/status');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.database).toMatch(/embedded|external/);
    expect(body.modules).toContainEqual(
      expect.objectContaining({ name: 'identity', version: expect.any(String), status: 'up' }),
    );
  });

  it('GET /api/metrics exposes request counts, latency histograms, pool and queue gauges', async () => {
    await app.inject('/health');
    const res = await app.inject('/api/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.body).toMatch(
      /bizosaas_http_requests_total\{method="GET",route="\/health",status="200"\} \d+/,
    );
    expect(res.body).toContain('bizosaas_http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/bizosaas_db_pool_connections\{pool="app",state="total"\}/);
    expect(res.body).toMatch(/bizosaas_job_queue_depth\{state="queued"\} \d+/);
  });

  it('serves OpenAPI 3.1 generated from the route schemas, and Swagger UI', async () => {
    const doc = (await app.inject('/docs/json')).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.paths['/api/brain/auth/signup'].post.requestBody).toBeDefined();
    expect(doc.paths['/health'].get.responses['200']).toBeDefined();
    const ui = await app.inject('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });

  it('answers an unknown route with a 404 problem', async () => {
    const res = await app.inject('/api/brain/nope');
    expect(res.statusCode).toBe(404);
    const p = problem(res);
    expect(p).toMatchObject({ status: 404, code: 'HTTP.ROUTE_NOT_FOUND', title: 'Not Found' });
  });

  it('answers invalid JSON with 400, naming the body', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/brain/auth/signup',
      headers: { 'content-type': 'application/json' },
      payload: '{"email": ',
    });
    expect(res.statusCode).toBe(400);
    expect(problem(res).code).toBe('HTTP.INVALID_JSON');
  });

  it('answers an invalid body, query or param with 400 naming the field', async () => {
    const body = await app.inject({
      method: 'POST',
      url: '/api/brain/auth/signup',
      payload: { email: 'not-an-email', password: 'x', name: 'A', tenantName: 'B' },
    });
    expect(body.statusCode).toBe(400);
    const p = problem(body);
    expect(p.code).toBe('HTTP.VALIDATION_FAILED');
    expect(p.errors?.map((e) => e.field)).toContain('body.email');
    const query = await app.inject('/api/brain/auth/verify-email');
    expect(query.statusCode).toBe(400);
    expect(problem(query).errors?.[0]?.field).toMatch(/^querystring/);
    const missing = await app.inject({ method: 'POST', url: '/api/brain/auth/signup', payload: {} });
    expect(problem(missing).errors?.map((e) => e.field)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
  });

  it('answers a body over the limit with 413 and a wrong content type with 415', async () => {
    const big = await app.inject({
      method: 'POST',
      url: '/api/brain/auth/signup',
      payload: { email: 'a@b.co', password: 'x'.repeat(8000), name: 'a', tenantName: 'b' },
    });
    expect(big.statusCode).toBe(413);
    expect(problem(big).code).toBe('HTTP.BODY_TOO_LARGE');
    const text = await app.inject({
      method: 'POST',
      url: '/api/brain/auth/signup',
      headers: { 'content-type': 'text/csv' },
      payload: 'a,b',
    });
    expect(text.statusCode).toBe(415);
    expect(problem(text).code).toBe('HTTP.UNSUPPORTED_MEDIA_TYPE');
  });

  it('asks for credentials with 401 and WWW-Authenticate on protected routes', async () => {
    const res = await app.inject('/api/brain/identity/members');
    expect(res.statusCode).toBe(401);
    expect(res.headers['www-authenticate']).toMatch(/^Bearer realm="bizosaas"/);
    expect(problem(res).code).toBe('AUTH.REQUIRED');
  });

  it('sends security headers', async () => {
    const res = await app.inject('/health');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['strict-transport-security']).toBeDefined();
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
  });

  it('allows CORS only for configured origins', async () => {
    const preflight = (origin: string) =>
      app.inject({
        method: 'OPTIONS',
        url: '/api/brain/auth/me',
        headers: { origin, 'access-control-request-method': 'GET' },
      });
    const ok = await preflight('https://console.example.com');
    expect(ok.headers['access-control-allow-origin']).toBe('https://console.example.com');
    expect(ok.headers['access-control-allow-credentials']).toBe('true');
    const evil = await preflight('https://evil.example.com');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('never shows internals in a 5xx', async () => {
    const doomed = await buildTestApp();
    try {
      await doomed.hub.db.close(); // the database goes away under a live hub
      const res = await doomed.inject({
        method: 'POST',
        url: '/api/brain/auth/verify-email',
        payload: { token: 'x'.repeat(20) },
      });
      expect(res.statusCode).toBe(500);
      const p = problem(res);
      expect(p).toMatchObject({ code: 'HTTP.INTERNAL', detail: 'An unexpected error occurred' });
      expect(res.body).not.toMatch(/pool|stack|at \w+ \(/i);
    } finally {
      await doomed.close().catch(() => {});
    }
  });
});
