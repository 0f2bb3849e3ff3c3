import type { FastifyReply } from 'fastify';
import { withTenant } from '../../platform/db/tenant.js';
import { SECURITY_HEADERS } from '../../platform/http.js';
import type { Hub } from '../../platform/hub.js';
import { draftForPreview, publicSite, verifyPreviewToken } from '../cms/index.js';
import { esc } from './html.js';
import type { RenderCtx } from './render-context.js';
import { renderCtxBase, renderPage } from './site-server.js';
import type { SitesRuntime } from './sites.routes.js';

const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow"><title>${esc(title)}</title></head><body><main><h1>${esc(title)}</h1><p>${esc(text)}</p></main></body></html>`;

/**
 * /sites/preview/<token>: the DRAFT of the page a signed, unexpired token names (content API's
 * preview-link). Never cached, never indexed, with a visible banner; the console may frame it.
 */
export async function previewHandler(hub: Hub, rt: SitesRuntime, token: string, reply: FastifyReply) {
  reply
    .header('cache-control', 'no-store')
    .header('x-robots-tag', 'noindex, nofollow')
    .header(
      'content-security-policy',
      SECURITY_HEADERS['content-security-policy']!.replace(
        "frame-ancestors 'none'",
        "frame-ancestors 'self'",
      ),
    )
    .type('text/html; charset=utf-8');
  const claims = verifyPreviewToken(hub.config, token);
  if (!claims)
    return reply
      .status(403)
      .send(
        page(
          'Preview link not valid',
          'This preview link is invalid or has expired. Ask for a new one in the console.',
        ),
      );
  const html = await withTenant(hub.systemCtx(claims.tenantId, 'sites-preview'), async (ctx) => {
    const draft = await draftForPreview(ctx, claims.pageId);
    if (!draft) return undefined;
    const ref = await rt.resolver.byId(claims.tenantId, draft.siteId);
    const site = ref && (await publicSite(ctx, draft.siteId));
    if (!ref || !site) return undefined;
    const base = `/sites/${ref.tenantSlug}${ref.isPrimary ? '' : `~${ref.handle}`}`;
    const rc: RenderCtx = {
      ...renderCtxBase(ref, { base, absBase: `${hub.config.PUBLIC_URL}${base}` }, draft.path),
      site,
      preview: true,
    };
    return renderPage(ctx, rc, draft);
  });
  if (!html)
    return reply.status(404).send(page('Page not found', 'The page of this preview link no longer exists.'));
  return reply.status(200).send(html);
}
