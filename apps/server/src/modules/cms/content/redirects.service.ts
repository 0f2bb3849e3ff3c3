import { sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError, conflict } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { badField, normalizePath, notFound } from './common.js';
import { notifySiteChanged } from './site-changes.js';
import { getSite } from './sites.service.js';

export interface Redirect {
  id: string;
  siteId: string;
  fromPath: string;
  toUrl: string;
  statusCode: 301 | 302 | 307 | 308;
  hits: number;
  createdAt: string;
}

const cols = sql`id, site_id as "siteId", from_path as "fromPath", to_url as "toUrl", status_code as "statusCode",
  hits::int as hits, created_at as "createdAt"`;

export async function listRedirects(ctx: TenantCtx, siteId: string): Promise<Redirect[]> {
  await getSite(ctx, siteId);
  const { rows } = await exec<Redirect>(
    ctx.tx,
    sql`select ${cols} from cms.redirects where site_id = ${siteId} order by from_path`,
  );
  return rows;
}

async function getRedirect(ctx: TenantCtx, id: string): Promise<Redirect> {
  const { rows } = await exec<Redirect>(ctx.tx, sql`select ${cols} from cms.redirects where id = ${id}`);
  if (!rows[0]) throw notFound('Redirect', id, 'CMS.REDIRECT_NOT_FOUND');
  return rows[0];
}

/** Site-relative targets are stored normalised like from paths; absolute URLs as given. */
const normalizeTarget = (to: string) => (to.startsWith('/') ? normalizePath(to) : to);

/**
 * Refuses a redirect that would lead back to its own from path, directly or through the site's
 * other redirects (followed up to 20 hops).
 */
async function assertNoLoop(
  ctx: TenantCtx,
  siteId: string,
  fromPath: string,
  toUrl: string,
  except: string | null,
) {
  if (toUrl === fromPath) throw badField('body.toUrl', 'must differ from fromPath', 'CMS.REDIRECT_LOOP');
  const { rows } = await exec<{ from: string; to: string }>(
    ctx.tx,
    sql`select from_path as from, to_url as to from cms.redirects where site_id = ${siteId} and id is distinct from ${except}::uuid`,
  );
  const next = new Map(rows.map((r) => [r.from, r.to]));
  let at = toUrl;
  const chain = [fromPath, toUrl];
  for (let hop = 0; hop < 20 && at.startsWith('/'); hop++) {
    const to = next.get(at);
    if (!to) return;
    chain.push(to);
    if (to === fromPath)
      throw new AppError('CMS.REDIRECT_LOOP', 409, `This redirect would make a loop: ${chain.join(' → ')}`);
    at = to;
  }
}

type RedirectInput = { fromPath?: string; toUrl?: string; statusCode?: 301 | 302 | 307 | 308 };

export async function createRedirect(
  ctx: TenantCtx,
  siteId: string,
  input: Required<Pick<RedirectInput, 'fromPath' | 'toUrl'>> & RedirectInput,
) {
  await getSite(ctx, siteId);
  const fromPath = normalizePath(input.fromPath);
  const toUrl = normalizeTarget(input.toUrl);
  await assertNoLoop(ctx, siteId, fromPath, toUrl, null);
  const id = uuidv7();
  const { rows } = await exec(
    ctx.tx,
    sql`insert into cms.redirects (tenant_id, id, site_id, from_path, to_url, status_code)
      values (${ctx.tenantId}, ${id}, ${siteId}, ${fromPath}, ${toUrl}, ${input.statusCode ?? 301})
      on conflict (tenant_id, site_id, from_path) do nothing returning id`,
  );
  if (!rows[0])
    throw conflict('CMS.REDIRECT_EXISTS', `A redirect from ${fromPath} already exists on this site`);
  await notifySiteChanged(ctx, siteId);
  return getRedirect(ctx, id);
}

export async function updateRedirect(ctx: TenantCtx, id: string, patch: RedirectInput) {
  const r = await getRedirect(ctx, id);
  const fromPath = patch.fromPath === undefined ? r.fromPath : normalizePath(patch.fromPath);
  const toUrl = patch.toUrl === undefined ? r.toUrl : normalizeTarget(patch.toUrl);
  await assertNoLoop(ctx, r.siteId, fromPath, toUrl, id);
  if (fromPath !== r.fromPath) {
    const { rowCount } = await exec(
      ctx.tx,
      sql`select 1 from cms.redirects where site_id = ${r.siteId} and from_path = ${fromPath}`,
    );
    if (rowCount)
      throw conflict('CMS.REDIRECT_EXISTS', `A redirect from ${fromPath} already exists on this site`);
  }
  await exec(
    ctx.tx,
    sql`update cms.redirects set from_path = ${fromPath}, to_url = ${toUrl}, status_code = ${patch.statusCode ?? r.statusCode}
      where id = ${id}`,
  );
  await notifySiteChanged(ctx, r.siteId);
  return getRedirect(ctx, id);
}

export async function deleteRedirect(ctx: TenantCtx, id: string) {
  const r = await getRedirect(ctx, id);
  await exec(ctx.tx, sql`delete from cms.redirects where id = ${id}`);
  await notifySiteChanged(ctx, r.siteId);
}
