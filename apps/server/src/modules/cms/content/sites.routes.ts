import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import { badRequest } from '../../../platform/errors.js';
import type { Hub } from '../../../platform/hub.js';
import { idParams, ok, uuid } from './common.js';
import { DomainChecker } from './domain-check.js';
import { addDomain, removeDomain, verifyDomain } from './domains.service.js';
import { domainCreate, domainSchema, siteCreate, sitePatch, siteSchema } from './sites.schemas.js';
import { createSite, deleteSite, getSite, listSites, updateSite } from './sites.service.js';

/** Sites with their domains, theme, navigation and settings; one primary site per tenant. */
export const siteRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, opts) => {
  const ownHost = new URL(opts.hub.config.PUBLIC_URL).hostname.toLowerCase();
  const tags = ['cms-sites'];
  const read = { permission: 'cms:read' as const };
  const write = { permission: 'cms:write' as const };
  const one = { 200: siteSchema };
  const checker = DomainChecker.fromConfig(opts.hub.config);
  const domainParams = z.object({ id: uuid, domainId: uuid });

  app.get(
    '/sites',
    {
      config: read,
      schema: {
        tags,
        summary: 'Sites (primary first)',
        response: { 200: z.object({ items: z.array(siteSchema) }) },
      },
    },
    async (req) => ({ items: await withTenant(req.ctx, listSites) }),
  );
  app.post(
    '/sites',
    {
      config: write,
      schema: {
        tags,
        summary: "Create a site (the tenant's first site is primary; isPrimary moves the flag)",
        body: siteCreate,
        response: { 201: siteSchema },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await withTenant(req.ctx, (ctx) => createSite(ctx, req.body))),
  );
  app.get(
    '/sites/:id',
    { config: read, schema: { tags, summary: 'A site', params: idParams, response: one } },
    (req) => withTenant(req.ctx, (ctx) => getSite(ctx, req.params.id)),
  );
  app.patch(
    '/sites/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Change name, handle, locale, theme, navigation, settings, or make primary',
        params: idParams,
        body: sitePatch,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => updateSite(ctx, req.params.id, req.body)),
  );
  app.delete(
    '/sites/:id',
    {
      config: write,
      schema: {
        tags,
        summary: 'Delete a site with all its pages, posts, categories, redirects and domains',
        params: idParams,
        response: { 200: ok },
      },
    },
    async (req) => {
      await withTenant(req.ctx, (ctx) => deleteSite(ctx, req.params.id));
      return { ok: true as const };
    },
  );
  app.post(
    '/sites/:id/domains',
    {
      config: write,
      schema: {
        tags,
        summary: 'Add a custom domain (pending until its DNS TXT record is verified)',
        description:
          'The answer names the TXT record to create (`verification`). The site answers on the host only ' +
          'once it is verified. `heldElsewhere`: another account holds the host now; verifying (proving ' +
          'control by DNS) moves it to this site. 409 CMS.DOMAIN_TAKEN when this account has added the ' +
          'host already.',
        params: idParams,
        body: domainCreate,
        response: { 201: domainSchema.extend({ heldElsewhere: z.boolean() }) },
      },
    },
    async (req, reply) => {
      refusePlatformHost(req.body.host, ownHost);
      return reply
        .status(201)
        .send(await withTenant(req.ctx, (ctx) => addDomain(ctx, req.params.id, req.body.host)));
    },
  );
  app.post(
    '/sites/:id/domains/:domainId/verify',
    {
      config: write,
      schema: {
        tags,
        summary: "Look up the domain's TXT record now and mark it verified when it is there",
        description:
          '200 with the verified domain (also when it was verified already). 422 CMS.DOMAIN_NOT_VERIFIED ' +
          'when the record is missing: the detail names the record expected and what DNS answered, and ' +
          'the check is saved on the domain (lastCheckedAt, lastError) for the console. Whoever proves ' +
          'control last holds the host: another account that held it gets its domain back as pending, ' +
          'with the reason in lastError. Pending domains of active tenants are also re-checked every 10 ' +
          'minutes for 7 days after they were added, except hosts another account holds: taking those ' +
          'over needs this call.',
        params: domainParams,
        response: { 200: domainSchema },
      },
    },
    (req) => verifyDomain(req.ctx, checker, req.params.id, req.params.domainId),
  );
  app.delete(
    '/sites/:id/domains/:domainId',
    {
      config: write,
      schema: {
        tags,
        summary: 'Remove a custom domain',
        params: domainParams,
        response: one,
      },
    },
    (req) => withTenant(req.ctx, (ctx) => removeDomain(ctx, req.params.id, req.params.domainId)),
  );
};

/**
 * A tenant's domain may not be the platform's own address or a name under it (a tenant could
 * otherwise claim app.example.com's subdomains), nor localhost or an IP address (the hub answers
 * those itself and never looks them up as sites).
 */
function refusePlatformHost(host: string, ownHost: string) {
  const name = host.toLowerCase().replace(/:\d+$/, '');
  const why =
    name === ownHost || name.endsWith(`.${ownHost}`)
      ? `is the platform's own address (${ownHost}) or under it`
      : name === 'localhost' || name.endsWith('.localhost') || /^[\d.]+$/.test(name)
        ? 'is a local name or an IP address, not a domain'
        : null;
  if (why)
    throw badRequest('CMS.DOMAIN_NOT_ALLOWED', `host: ${host} ${why}`, {
      errors: [{ field: 'host', message: why }],
    });
}
