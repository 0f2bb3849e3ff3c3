import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleBuildStale, consoleSourceHash, STAMP_FILE } from '../src/platform/console-build.js';
import { buildTestApp } from './helpers.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-console-'));
const dist = path.join(tmp, 'dist');
const html = { accept: 'text/html,application/xhtml+xml' };
let app: FastifyInstance;

beforeAll(async () => {
  fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
  fs.writeFileSync(
    path.join(dist, 'index.html'),
    '<!doctype html><div id="root"></div><script type="module" src="/assets/app-1a2b.js"></script>',
  );
  fs.writeFileSync(path.join(dist, 'assets', 'app-1a2b.js'), 'console.log(1);');
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  app = await buildTestApp({}, { consoleDir: dist });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('the hub serves the web console', () => {
  it('index.html at / is never cached, carries the CSP and answers 304 to its ETag', async () => {
    const res = await app.inject({ url: '/', headers: html });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(String(res.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(res.body).toContain('<div id="root">');
    const again = await app.inject({
      url: '/',
      headers: { ...html, 'if-none-match': String(res.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
  });

  it('hashed assets are immutable for a year; other top-level files revalidate', async () => {
    const js = await app.inject('/assets/app-1a2b.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(js.headers['content-type']).toMatch(/javascript/);
    const icon = await app.inject('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('browser navigations to console routes get index.html (GET and HEAD)', async () => {
    for (const url of ['/signin?next=%2Fcrm', '/crm/contacts/42', '/settings/members']) {
      const res = await app.inject({ url, headers: html });
      expect(res.statusCode, url).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
    expect((await app.inject({ method: 'HEAD', url: '/crm', headers: html })).statusCode).toBe(200);
  });

  it('API paths, missing assets, non-HTML requests and other methods keep the problem+json 404', async () => {
    const cases = [
      { method: 'GET' as const, url: '/api/brain/nope', headers: html },
      { method: 'GET' as const, url: '/docs/nope', headers: html },
      { method: 'GET' as const, url: '/assets/missing.js', headers: html },
      { method: 'GET' as const, url: '/crm', headers: { accept: 'application/json' } },
      { method: 'POST' as const, url: '/crm', headers: html },
    ];
    for (const c of cases) {
      const res = await app.inject(c);
      expect(res.statusCode, `${c.method} ${c.url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.json().code).toBe('HTTP.ROUTE_NOT_FOUND');
    }
  });

  it('the console routes are public and stay out of the OpenAPI document', async () => {
    const rec = app.hub.routes.find((r) => r.method === 'GET' && r.url === '/assets/*');
    expect(rec?.public).toBe(true);
    const doc = (await app.inject('/docs/json')).json() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths).filter((p) => p === '/' || p.startsWith('/assets'))).toEqual([]);
  });
});

describe('console build staleness', () => {
  it('is stale without a build, current with a matching stamp, stale again when a source changes', () => {
    const web = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-web-'));
    try {
      fs.mkdirSync(path.join(web, 'src'));
      fs.writeFileSync(path.join(web, 'index.html'), '<div id="root"></div>');
      fs.writeFileSync(path.join(web, 'src', 'main.tsx'), 'export {};');
      expect(consoleBuildStale(web)).toBe('no build');
      fs.mkdirSync(path.join(web, 'dist'));
      fs.writeFileSync(path.join(web, 'dist', 'index.html'), 'built');
      expect(consoleBuildStale(web)).toBe('no build stamp');
      fs.writeFileSync(path.join(web, 'dist', STAMP_FILE), `${consoleSourceHash(web)}\n`);
      expect(consoleBuildStale(web)).toBeUndefined();
      fs.writeFileSync(path.join(web, 'src', 'main.tsx'), 'export const changed = 1;');
      expect(consoleBuildStale(web)).toBe('sources changed');
    } finally {
      fs.rmSync(web, { recursive: true, force: true });
    }
  });
});
