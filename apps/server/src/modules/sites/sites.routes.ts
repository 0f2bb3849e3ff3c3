import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Hub } from '../../platform/hub.js';
import { enforceLimit } from '../../platform/rate-limit.js';
import { previewHandler } from './preview.js';
import { RedirectHits } from './redirect-hits.js';
import { SiteCache, type SiteRef } from './site-cache.js';
import { startSiteListener } from './site-listener.js';
import { SiteResolver } from './site-resolver.js';
import { type Mount, type SiteResponse, serveSite } from './site-server.js';

/** What the sites module keeps per hub (tests build several hubs in one process). */
export interface SitesRuntime {
  cache: SiteCache;
  hits: RedirectHits;
  resolver: SiteResolver;
  listener: ReturnType<typeof startSiteListener>;
}
const runtimes = new WeakMap<Hub, SitesRuntime>();
export const sitesRuntime = (hub: Hub) => runtimes.get(hub);

/** Site searches per client IP (every hub process counts together when Redis is configured). */
export const SEARCH_LIMIT = { name: 'site-search:ip', max: 30, windowSeconds: 60 };

/** Paths that keep answering from the hub on a custom domain: the API (lead forms post there) and media files. */
const PASS_THROUGH = ['/api/', '/media/'];

function etagMatches(header: string | undefined, etag: string) {
  if (!header) return false;
  return header.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}

export function sendSite(req: FastifyRequest, reply: FastifyReply, res: SiteResponse) {
  reply.status(res.status).type(res.type).header('cache-control', res.cacheControl);
  if (res.location) reply.header('location', res.location);
  // A gzipped variant has its own ETag (a strong ETag names one representation).
  const gzip = res.gzip && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '') ? res.gzip : undefined;
  const etag = gzip ? `${res.etag.slice(0, -1)}-gz"` : res.etag;
  reply.header('etag', etag);
  if (res.gzip) reply.header('vary', 'accept-encoding');
  if (res.status === 200 && etagMatches(req.headers['if-none-match'], etag)) return reply.status(304).send();
  if (gzip) reply.header('content-encoding', 'gzip');
  return reply.send(gzip ?? res.body);
}

async function answer(
  hub: Hub,
  rt: SitesRuntime,
  req: FastifyRequest,
  reply: FastifyReply,
  ref: SiteRef,
  mount: Mount,
  rest: string,
) {
  const q = rest.indexOf('?');
  const rawPath = q < 0 ? rest : rest.slice(0, q);
  const search = q < 0 ? '' : rest.slice(q);
  let path = rawPath || '/';
  if (!path.startsWith('/')) path = `/${path}`;
  // One address per page: /about/ and //about are sent to /about.
  if (path.length > 1 && (path.endsWith('/') || path.includes('//'))) {
    const clean = path.replace(/\/{2,}/g, '/').replace(/\/+$/, '') || '/';
    if (clean !== path) return reply.status(301).header('location', `${mount.base}${clean}${search}`).send();
  }
  // Search results are rendered from the database every time: limited per client IP.
  if (path === '/search') await enforceLimit(hub, SEARCH_LIMIT, req.ip);
  const res = await serveSite(
    hub,
    rt.cache,
    ref,
    mount,
    path,
    search ? new URLSearchParams(search) : NO_QUERY,
    rt.hits,
  );
  return sendSite(req, reply, res);
}

const NO_QUERY = new URLSearchParams();

const route = { config: { public: true }, schema: { hide: true } } as const;

/**
 * Public sites: /sites/<tenant-slug>[~<site-handle>]/… on the hub's own host, any path on a
 * custom domain (Host header), and /sites/preview/<token>. Registered without encapsulation so the
 * Host hook and the cache-bumping onSend hook see every request.
 */
const plugin: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const cache = new SiteCache();
  const resolver = new SiteResolver(hub, cache);
  const listener = startSiteListener(hub, cache);
  const hits = new RedirectHits(hub);
  const rt: SitesRuntime = { cache, resolver, listener, hits };
  runtimes.set(hub, rt);
  await listener.ready;
  app.addHook('preClose', async () => {
    await listener.stop();
    await hits
      .stop()
      .catch((err: Error) => hub.log.warn({ module: 'sites', err }, 'redirect hits not saved'));
  });

  // Custom domains: only a Host that is a known domain is diverted; the hub's own host never is.
  app.addHook('onRequest', async (req, reply) => {
    const host = req.host;
    if (!host || resolver.isOwnHost(host)) return;
    if (PASS_THROUGH.some((p) => req.url.startsWith(p))) return;
    const ref = await resolver.byHost(host);
    if (!ref) return;
    if (req.method !== 'GET' && req.method !== 'HEAD')
      return reply.status(405).header('allow', 'GET, HEAD').type('text/plain').send('Method not allowed');
    // HSTS for this host only: the hub's includeSubDomains would bind every subdomain of a
    // tenant's domain (an apex domain: all of them) to HTTPS for a year.
    reply.header('strict-transport-security', 'max-age=31536000');
    const mount: Mount = { base: '', absBase: `${req.protocol}://${host.toLowerCase()}` };
    await answer(hub, rt, req, reply, ref, mount, req.url);
    return reply;
  });

  // A change made through this process's API is visible to its very next request (the LISTEN
  // notification that every process gets may arrive a moment after the response).
  app.addHook('onSend', async (req, reply, payload) => {
    if (req.method === 'GET' || req.method === 'HEAD' || reply.statusCode >= 400) return payload;
    const tenantId = req.ctx?.tenantId;
    if (tenantId && (req.url.startsWith('/api/brain/cms/') || req.url.startsWith('/api/brain/crm/forms')))
      cache.invalidate(tenantId, '*');
    return payload;
  });

  // A wildcard, not :token: tokens are longer than the router's 100-character parameter limit.
  app.get<{ Params: { '*': string } }>('/sites/preview/*', route, (req, reply) =>
    previewHandler(hub, rt, req.params['*'], reply),
  );
  app.get<{ Params: { site: string } }>('/sites/:site', route, (req, reply) => {
    const q = req.url.indexOf('?');
    return reply.redirect(
      `/sites/${encodeURIComponent(req.params.site)}/${q < 0 ? '' : req.url.slice(q)}`,
      301,
    );
  });
  app.get<{ Params: { site: string; '*': string } }>('/sites/:site/*', route, async (req, reply) => {
    const segment = req.params.site;
    const ref = await resolver.bySlug(segment);
    const base = `/sites/${segment}`;
    // (the router decodes the segment; a percent-encoded slug does not name a site)
    if (!ref || !req.url.startsWith(`${base}/`))
      return reply
        .status(404)
        .type('text/html; charset=utf-8')
        .header('cache-control', 'no-cache')
        .send(UNKNOWN_SITE);
    const mount: Mount = { base, absBase: `${hub.config.PUBLIC_URL}${base}` };
    return answer(hub, rt, req, reply, ref, mount, req.url.slice(base.length));
  });
};

export const sitesRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = fp(plugin, { name: 'sites' });

const UNKNOWN_SITE =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Site not found</title><meta name="robots" content="noindex"></head><body><main><h1>Site not found</h1><p>There is no site at this address.</p></main></body></html>';
