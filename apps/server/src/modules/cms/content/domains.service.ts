import { sql } from 'drizzle-orm';
import type { Ctx, TenantCtx } from '../../../platform/context.js';
import { exec, withSystem, withTenant } from '../../../platform/db/tenant.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { notFound } from './common.js';
import {
  type DomainChecker,
  type DomainRow,
  newVerificationToken,
  notVerifiedMessage,
  toDomain,
} from './domain-check.js';
import { notifySiteChanged } from './site-changes.js';
import type { Domain } from './sites.schemas.js';
import { domainJson, getSite } from './sites.service.js';

/**
 * Custom domains (decision 0011): a tenant adds a host, which stays pending until the TXT record
 * it was given is found in DNS; only verified domains answer (cms.site_by_host). A host may be
 * pending for several tenants at once; the first to prove control verifies it, and a unique index
 * over verified hosts keeps it theirs.
 */

const taken = (host: string) =>
  conflict('CMS.DOMAIN_TAKEN', `The host ${host} is already verified by another account`);

export async function getDomain(ctx: TenantCtx, siteId: string, domainId: string): Promise<Domain> {
  const { rows } = await exec<{ d: DomainRow }>(
    ctx.tx,
    sql`select ${domainJson} as d from cms.domains d where d.id = ${domainId} and d.site_id = ${siteId}`,
  );
  if (!rows[0]) throw notFound('Domain', domainId, 'CMS.DOMAIN_NOT_FOUND');
  return toDomain(rows[0].d);
}

/** Adds a pending domain; 409 when another tenant has verified the host or this tenant has it already. */
export async function addDomain(ctx: TenantCtx, siteId: string, host: string): Promise<Domain> {
  await getSite(ctx, siteId);
  // The one cross-tenant read: is the exact host a verified domain of any active tenant?
  const { rows: owner } = await exec<{ tenant_id: string }>(
    ctx.tx,
    sql`select tenant_id from cms.site_by_host(${host}) where host = ${host}`,
  );
  if (owner[0] && owner[0].tenant_id !== ctx.tenantId) throw taken(host);
  const id = uuidv7();
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`insert into cms.domains (tenant_id, id, site_id, host, verification_token)
      values (${ctx.tenantId}, ${id}, ${siteId}, ${host}, ${newVerificationToken()})
      on conflict (tenant_id, host) do nothing returning id`,
  );
  if (!rows[0])
    throw conflict('CMS.DOMAIN_TAKEN', `The host ${host} is already a domain of one of your sites`);
  return getDomain(ctx, siteId, id);
}

export async function removeDomain(ctx: TenantCtx, siteId: string, domainId: string) {
  await getSite(ctx, siteId);
  const { rowCount } = await exec(
    ctx.tx,
    sql`delete from cms.domains where id = ${domainId} and site_id = ${siteId}`,
  );
  if (!rowCount) throw notFound('Domain', domainId, 'CMS.DOMAIN_NOT_FOUND');
  await notifySiteChanged(ctx, siteId);
  return getSite(ctx, siteId);
}

type Outcome = { domain: Domain } | { error: AppError };

/**
 * Looks the domain's TXT record up and records the outcome. Three short transactions: read the
 * domain, (no transaction during the DNS look-up, which may take seconds), write the result. A
 * failed check is stored (last_checked_at, last_error) and then answered with 422
 * CMS.DOMAIN_NOT_VERIFIED; a host that another tenant verified first, with 409 CMS.DOMAIN_TAKEN.
 * An already verified domain is returned as it is.
 */
export async function verifyDomain(
  base: Ctx,
  checker: DomainChecker,
  siteId: string,
  domainId: string,
): Promise<Domain> {
  const domain = await withTenant(base, async (ctx) => {
    await getSite(ctx, siteId);
    return getDomain(ctx, siteId, domainId);
  });
  if (domain.status === 'verified') return domain;
  const result = await checker.check(domain.verification);
  const outcome = await withTenant(base, async (ctx): Promise<Outcome> => {
    if (!result.ok) {
      const message = notVerifiedMessage(domain.verification, result.found);
      await saveCheck(ctx, domainId, message);
      return { error: new AppError('CMS.DOMAIN_NOT_VERIFIED', 422, message) };
    }
    // A savepoint: if another tenant verified the host meanwhile, the unique index refuses the
    // update and we still record why.
    await exec(ctx.tx, sql`savepoint verify_domain`);
    try {
      await exec(
        ctx.tx,
        sql`update cms.domains set verified_at = now(), last_checked_at = now(), last_error = null
          where id = ${domainId} and verified_at is null`,
      );
    } catch (err) {
      const e = err as { code?: string; constraint?: string };
      if (e.code !== '23505' || e.constraint !== 'domains_verified_host_idx') throw err;
      await exec(ctx.tx, sql`rollback to savepoint verify_domain`);
      await saveCheck(ctx, domainId, `The host ${domain.host} was verified by another account first`);
      return { error: taken(domain.host) };
    }
    await notifySiteChanged(ctx, siteId);
    return { domain: await getDomain(ctx, siteId, domainId) };
  });
  if ('error' in outcome) throw outcome.error;
  return outcome.domain;
}

async function saveCheck(ctx: TenantCtx, domainId: string, error: string) {
  await exec(
    ctx.tx,
    sql`update cms.domains set last_checked_at = now(), last_error = ${error}
      where id = ${domainId} and verified_at is null`,
  );
}

/** The worker re-checks pending domains for this long after they were added. */
export const RECHECK_WINDOW_DAYS = 7;

/** Pending domains of every tenant added within the window, least recently checked first. */
export async function pendingDomains(base: Pick<Ctx, 'db'>, limit: number) {
  return withSystem(base, async (tx) => {
    const { rows } = await exec<{ tenantId: string; siteId: string; id: string }>(
      tx,
      sql`select tenant_id as "tenantId", site_id as "siteId", id from cms.domains
        where verified_at is null and created_at > now() - make_interval(days => ${RECHECK_WINDOW_DAYS})
        order by last_checked_at nulls first, created_at limit ${limit}`,
    );
    return rows;
  });
}
