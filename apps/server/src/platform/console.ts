import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { STAMP_FILE, WEB_DIR } from './console-build.js';

/** Hashed file names: cached for a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html and unhashed files: always revalidated (ETag). */
export const REVALIDATE = 'no-cache';

/** Paths that belong to the API: never answered with the console. */
const API_PREFIXES = ['/api', '/docs', '/health', '/ready', '/assets/'];

function isApiPath(pathname: string) {
  return API_PREFIXES.some((p) => pathname === p || pathname.startsWith(p.endsWith('/') ? p : `${p}/`));
}

/** A browser navigation to a console route: GET/HEAD, not an API path, and HTML accepted. */
export function wantsConsole(req: FastifyRequest): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const pathname = req.url.split('?')[0] ?? '/';
  if (isApiPath(pathname)) return false;
  const accept = req.headers.accept ?? '';
  return accept.includes('text/html');
}

export interface ConsoleOptions {
  /** The console's build output; apps/web/dist by default. */
  dir?: string;
}

/**
 * Serves the built web console: /assets/* (hashed, immutable), the other top-level files of the
 * build, and index.html (never cached) for / and, through the not-found handler, for every
 * browser navigation that no API route answers (single-page app fallback).
 */
export const consolePlugin: FastifyPluginAsync<ConsoleOptions> = async (app, opts) => {
  const dir = opts.dir ?? path.join(WEB_DIR, 'dist');
  const indexFile = path.join(dir, 'index.html');
  if (!fs.existsSync(indexFile)) {
    app.log.debug({ module: 'console', dir }, 'no console build: serving the API only');
    return;
  }
  const index = fs.readFileSync(indexFile);
  const etag = `"${createHash('sha256').update(index).digest('base64url').slice(0, 27)}"`;
  const sendIndex = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', REVALIDATE).header('etag', etag).type('text/html; charset=utf-8');
    if (req.headers['if-none-match'] === etag) return reply.status(304).send();
    return reply.status(200).send(index);
  };

  await app.register(fastifyStatic, { root: dir, serve: false });
  const route = { config: { public: true }, schema: { hide: true } } as const;

  app.get('/', route, sendIndex);
  app.get<{ Params: { '*': string } }>('/assets/*', route, (req, reply) =>
    reply
      .header('cache-control', IMMUTABLE)
      .sendFile(req.params['*'], path.join(dir, 'assets'), { cacheControl: false }),
  );
  // favicon.svg, color-scheme.js, …: the build's top-level files other than index.html.
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (
      !entry.isFile() ||
      entry.name === 'index.html' ||
      entry.name.startsWith('.') ||
      entry.name === STAMP_FILE
    )
      continue;
    app.get(`/${entry.name}`, route, (_req, reply) =>
      reply.header('cache-control', REVALIDATE).sendFile(entry.name, dir, { cacheControl: false }),
    );
  }

  app.notFoundFallbacks.push((req, reply) => (wantsConsole(req) ? sendIndex(req, reply) : undefined));
};
