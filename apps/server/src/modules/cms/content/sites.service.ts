import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { assertMedia, badField, notFound } from './common.js';
import { type DomainRow, toDomain } from './domain-check.js';
import { writeSearch } from './publish.service.js';
import { notifySiteChanged } from './site-changes.js';
import { DEFAULT_THEME, type Site, type SiteInput } from './sites.schemas.js';

/** One domain as JSON (the TXT record is derived from host and token in toDomain). */
export const domainJson = sql`jsonb_build_object('id', d.id, 'host', d.host, 'token', d.verification_token,
  'verifiedAt', d.verified_at, 'lastCheckedAt', d.last_checked_at, 'lastError', d.last_error, 'createdAt', d.created_at)`;

const siteCols = sql`s.id, s.name, s.handle, s.is_primary as "isPrimary", s.locale, s.theme, s.navigation, s.settings,
  s.created_at as "createdAt", s.updated_at as "updatedAt",
  coalesce((select jsonb_agg(${domainJson} order by d.host) from cms.domains d where d.site_id = s.id), '[]') as domains`;

async function selectSites(ctx: TenantCtx, where: SQL): Promise<Site[]> {
  const { rows } = await exec<Omit<Site, 'domains'> & { domains: DomainRow[] }>(
    ctx.tx,
    sql`select ${siteCols} from cms.sites s where ${where} order by s.is_primary desc, s.name, s.id`,
  );
  return rows.map((s) => ({ ...s, domains: s.domains.map(toDomain) }));
}

export const listSites = (ctx: TenantCtx) => selectSites(ctx, sql`true`);

export async function getSite(ctx: TenantCtx, id: string): Promise<Site> {
  const [site] = await selectSites(ctx, sql`s.id = ${id}`);
  if (!site) throw notFound('Site', id, 'CMS.SITE_NOT_FOUND');
  return site;
}

/** The site's locale, locked against concurrent deletion (404 for another tenant's id). */
export async function lockSite(ctx: TenantCtx, id: string, field?: string): Promise<{ locale: string }> {
  const { rows } = await exec<{ locale: string }>(
    ctx.tx,
    sql`select locale from cms.sites where id = ${id} for share`,
  );
  if (!rows[0])
    throw new AppError('CMS.SITE_NOT_FOUND', 404, `${field ? `${field}: ` : ''}Site ${id} was not found`);
  return rows[0];
}

/** Navigation page ids must be pages of this site; media ids must exist in this tenant. */
async function checkRefs(ctx: TenantCtx, siteId: string | null, input: SiteInput) {
  const media: { id: string; field: string }[] = [];
  if (input.theme?.logoMediaId) media.push({ id: input.theme.logoMediaId, field: 'body.theme.logoMediaId' });
  if (input.settings?.ogImageMediaId)
    media.push({ id: input.settings.ogImageMediaId, field: 'body.settings.ogImageMediaId' });
  await assertMedia(ctx, media);
  for (const [i, n] of (input.navigation ?? []).entries()) {
    if (!n.pageId) continue;
    const { rowCount } = await exec(
      ctx.tx,
      sql`select 1 from cms.pages where id = ${n.pageId} and site_id = ${siteId}`,
    );
    if (!rowCount)
      throw badField(`body.navigation.${i}.pageId`, 'is not a page of this site', 'CMS.PAGE_NOT_FOUND');
  }
}

async function handleTaken(ctx: TenantCtx, handle: string, except: string | null) {
  const { rowCount } = await exec(
    ctx.tx,
    sql`select 1 from cms.sites where handle = ${handle} and id is distinct from ${except}`,
  );
  if (rowCount) throw conflict('CMS.SITE_HANDLE_TAKEN', `The handle ${handle} is used by another site`);
}

export async function createSite(ctx: TenantCtx, input: SiteInput & { name: string; handle: string }) {
  await checkRefs(ctx, null, input);
  await handleTaken(ctx, input.handle, null);
  // Serialise primary decisions per tenant: the first site is primary, exactly one stays so.
  await exec(
    ctx.tx,
    sql`select pg_advisory_xact_lock(hashtext('cms.sites.primary'), hashtext(${ctx.tenantId}))`,
  );
  const { rows } = await exec<{ n: number }>(ctx.tx, sql`select count(*)::int as n from cms.sites`);
  const primary = rows[0]!.n === 0 || input.isPrimary === true;
  if (primary) await exec(ctx.tx, sql`update cms.sites set is_primary = false where is_primary`);
  const id = uuidv7();
  await exec(
    ctx.tx,
    sql`insert into cms.sites (tenant_id, id, name, handle, is_primary, locale, theme, navigation, settings)
      values (${ctx.tenantId}, ${id}, ${input.name}, ${input.handle}, ${primary}, ${input.locale ?? 'en'},
        ${JSON.stringify(input.theme ?? DEFAULT_THEME)}::jsonb, ${JSON.stringify(input.navigation ?? [])}::jsonb,
        ${JSON.stringify(input.settings ?? {})}::jsonb)`,
  );
  await notifySiteChanged(ctx, primary ? '*' : id);
  return getSite(ctx, id);
}

export async function updateSite(ctx: TenantCtx, id: string, patch: SiteInput) {
  const site = await getSite(ctx, id);
  await checkRefs(ctx, id, patch);
  if (patch.handle && patch.handle !== site.handle) await handleTaken(ctx, patch.handle, id);
  if (patch.isPrimary === false && site.isPrimary)
    throw conflict(
      'CMS.PRIMARY_SITE_REQUIRED',
      'A tenant always has one primary site: make another site primary instead',
    );
  const makePrimary = patch.isPrimary === true && !site.isPrimary;
  if (makePrimary) {
    await exec(
      ctx.tx,
      sql`select pg_advisory_xact_lock(hashtext('cms.sites.primary'), hashtext(${ctx.tenantId}))`,
    );
    await exec(ctx.tx, sql`update cms.sites set is_primary = false where is_primary`);
  }
  const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
  await exec(
    ctx.tx,
    sql`update cms.sites set name = coalesce(${patch.name ?? null}, name), handle = coalesce(${patch.handle ?? null}, handle),
      locale = coalesce(${patch.locale ?? null}, locale), is_primary = is_primary or ${makePrimary},
      theme = coalesce(${json(patch.theme)}::jsonb, theme), navigation = coalesce(${json(patch.navigation)}::jsonb, navigation),
      settings = coalesce(${json(patch.settings)}::jsonb, settings), updated_at = now()
      where id = ${id}`,
  );
  if (patch.locale && patch.locale !== site.locale) await reindexSite(ctx, id);
  await notifySiteChanged(ctx, makePrimary || patch.handle ? '*' : id);
  return getSite(ctx, id);
}

/** The search vectors follow the site's locale (english for en, simple otherwise). */
async function reindexSite(ctx: TenantCtx, siteId: string) {
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from cms.pages where site_id = ${siteId} and published is not null`,
  );
  for (const r of rows) await writeSearch(ctx, r.id);
}

/** Deletes the site with its pages, posts, categories, redirects and domains; the oldest other site becomes primary. */
export async function deleteSite(ctx: TenantCtx, id: string) {
  const site = await getSite(ctx, id);
  // Detach the tree first: the parent key is RESTRICT, and a cascade deletes rows in any order.
  await exec(
    ctx.tx,
    sql`update cms.pages set parent_id = null, live_revision_id = null where site_id = ${id}`,
  );
  await exec(ctx.tx, sql`delete from cms.sites where id = ${id}`);
  if (site.isPrimary)
    await exec(
      ctx.tx,
      sql`update cms.sites set is_primary = true
        where id = (select id from cms.sites order by created_at, id limit 1)`,
    );
  await notifySiteChanged(ctx, '*');
}
