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
 * pending for several tenants at once, and whoever proves control last holds it: a domain that
 * changes hands moves to its new owner's site, and the former holder's goes back to pending.
 */

export async function getDomain(ctx: TenantCtx, siteId: string, domainId: string): Promise<Domain> {
  const { rows } = await exec<{ d: DomainRow }>(
    ctx.tx,
    sql`select ${domainJson} as d from cms.domains d where d.id = ${domainId} and d.site_id = ${siteId}`,
  );
  if (!rows[0]) throw notFound('Domain', domainId, 'CMS.DOMAIN_NOT_FOUND');
  return toDomain(rows[0].d);
}

/**
 * Adds a pending domain (409 when this tenant has the host already). Another account may hold the
 * host; `heldElsewhere` says so, and verifying moves it here.
 */
export async function addDomain(
  ctx: TenantCtx,
  siteId: string,
  host: string,
): Promise<Domain & { heldElsewhere: boolean }> {
  await getSite(ctx, siteId);
  // The one cross-tenant read: is the exact host a verified domain of another active tenant?
  const { rows: holder } = await exec<{ tenant_id: string }>(
    ctx.tx,
    sql`select tenant_id from cms.site_by_host(${host}) where host = ${host}`,
  );
  const id = uuidv7();
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`insert into cms.domains (tenant_id, id, site_id, host, verification_token)
      values (${ctx.tenantId}, ${id}, ${siteId}, ${host}, ${newVerificationToken()})
      on conflict (tenant_id, host) do nothing returning id`,
  );
  if (!rows[0])
    throw conflict('CMS.DOMAIN_TAKEN', `The host ${host} is already a domain of one of your sites`);
  const heldElsewhere = !!holder[0] && holder[0].tenant_id !== ctx.tenantId;
  return { ...(await getDomain(ctx, siteId, id)), heldElsewhere };
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
 * Looks the domain's TXT record up and records the outcome. Two short transactions: read the
 * domain, (no transaction during the DNS look-up, which may take seconds), write the result. A
 * failed check is stored (last_checked_at, last_error) and then answered with 422
 * CMS.DOMAIN_NOT_VERIFIED. A found record verifies the domain and releases the host from any other
 * tenant that held it (cms.release_host). An already verified domain is returned as it is.
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
      // The re-check job may have verified it while this look-up ran: then that is the answer.
      const now = await getDomain(ctx, siteId, domainId);
      if (now.status === 'verified') return { domain: now };
      const message = notVerifiedMessage(domain.verification, result.found);
      await saveCheck(ctx, domainId, message);
      return { error: new AppError('CMS.DOMAIN_NOT_VERIFIED', 422, message) };
    }
    // Verifications of one host are serialised across tenants, so releasing it from its former
    // holder and taking it cannot interleave with another tenant doing the same.
    await exec(
      ctx.tx,
      sql`select pg_advisory_xact_lock(hashtext('cms.domains.host'), hashtext(lower(${domain.host})))`,
    );
    const { rowCount } = await exec(
      ctx.tx,
      sql`select 1 from cms.domains where id = ${domainId} and verified_at is null for update`,
    );
    if (!rowCount) return { domain: await getDomain(ctx, siteId, domainId) };
    await exec(ctx.tx, sql`select cms.release_host(${domain.host})`);
    await exec(
      ctx.tx,
      sql`update cms.domains set verified_at = now(), last_checked_at = now(), last_error = null
        where id = ${domainId}`,
    );
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

/**
 * Pending domains of every active tenant added within the window, least recently checked first
 * (a suspended tenant's claim must not release a host from an active one). A host
 * that another tenant holds is left out: taking it over needs the user's Verify, or else, while both
 * TXT records stay in DNS, each run would hand the host back to the holder it was taken from.
 */
export async function pendingDomains(base: Pick<Ctx, 'db'>, limit: number) {
  return withSystem(base, async (tx) => {
    const { rows } = await exec<{ tenantId: string; siteId: string; id: string }>(
      tx,
      sql`select d.tenant_id as "tenantId", d.site_id as "siteId", d.id from cms.domains d
        where d.verified_at is null and identity.tenant_is_active(d.tenant_id) and d.created_at > now() - make_interval(days => ${RECHECK_WINDOW_DAYS})
          and not exists (select 1 from cms.domains o where o.host = d.host and o.verified_at is not null)
        order by d.last_checked_at nulls first, d.created_at limit ${limit}`,
    );
    return rows;
  });
}
