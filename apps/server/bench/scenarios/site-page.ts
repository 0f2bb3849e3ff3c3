import type { Scenario } from './scenario.js';

/** Issue 6's target: a published page at 50 connections. */
export const SITE_CONNECTIONS = 50;
const PAGE = '/sites/bizoholic/';
const STATIC = '/favicon.svg';

/**
 * (site) Bizoholic's seeded home page through the whole public-site path: slug → site look-up,
 * the in-process rendered-page cache, ETag and Cache-Control (served without a database round trip).
 */
export const sitePage: Scenario = {
  id: 'site',
  name: `site: published page ${PAGE}`,
  hitsHub: true,
  async setup(ctx) {
    const res = await fetch(`${ctx.hubUrl}${PAGE}`, { headers: { accept: 'text/html' } });
    const body = await res.text();
    if (!res.ok || !body.includes('Marketing that pays for itself'))
      return { skip: `the demo site did not answer (${res.status}); is SEED_DEMO on?` };
    return { url: `${ctx.hubUrl}${PAGE}`, headers: { accept: 'text/html' }, connections: SITE_CONNECTIONS };
  },
};

/** (site-static) A static file served by the same process with @fastify/static (the console build). */
export const siteStatic: Scenario = {
  id: 'site-static',
  name: `static file ${STATIC} (same process)`,
  hitsHub: true,
  async setup(ctx) {
    const res = await fetch(`${ctx.hubUrl}${STATIC}`);
    await res.arrayBuffer();
    if (!res.ok) return { skip: 'no console build to serve a static file from (npm run build -w apps/web)' };
    return { url: `${ctx.hubUrl}${STATIC}`, connections: SITE_CONNECTIONS };
  },
};
