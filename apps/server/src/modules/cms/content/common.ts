import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';

/** Shared by the content slices: ids, params, small schemas and helpers. */
export const uuid = z.uuid({ message: 'must be a UUID' });
export const idParams = z.object({ id: uuid });
export const siteParams = z.object({ siteId: uuid });
export const ok = z.object({ ok: z.literal(true) });
export const slug = z
  .string()
  .trim()
  .max(80)
  .regex(/^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/, 'must be lowercase letters, digits and inner hyphens');
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });
export const tags = z.array(z.string().trim().min(1).max(50)).max(50);

export const notFound = (what: string, id: string, code = 'CMS.NOT_FOUND') =>
  new AppError(code, 404, `${what} ${id} was not found`);

export const badField = (field: string, message: string, code = 'CMS.INVALID') =>
  new AppError(code, 400, `${field}: ${message}`, { errors: [{ field, message }] });

/** The signed-in user (null for jobs and API keys): stored as created_by. */
export const actorUserId = (ctx: TenantCtx) => (ctx.actor.kind === 'user' ? ctx.actor.userId : null);

/** A slug from a name: 'Hello, World!' → 'hello-world'. */
export function slugify(name: string): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return s || 'item';
}

/**
 * A site-relative path in its one stored form: leading slash, no query or fragment, no
 * repeated or trailing slashes ('/Old//page/?x=1' → '/Old/page'). Case is kept. Redirect
 * lookups must normalise the request path with this same function.
 */
export function normalizePath(raw: string): string {
  let p = raw.trim().split(/[?#]/)[0] ?? '';
  if (!p.startsWith('/')) p = `/${p}`;
  p = p.replace(/\/{2,}/g, '/');
  if (p.length > 1) p = p.replace(/\/+$/, '');
  return p;
}

/** Full-text configuration of a site's locale: english for en (and en-*), simple otherwise. */
export function searchConfig(locale: string): 'english' | 'simple' {
  return locale === 'en' || locale.startsWith('en-') ? 'english' : 'simple';
}

/** Media referred to by a write must exist in this tenant; the error names the first missing field. */
export async function assertMedia(ctx: TenantCtx, refs: { id: string; field: string }[]): Promise<void> {
  if (!refs.length) return;
  const ids = [...new Set(refs.map((r) => r.id))];
  const { rows } = await exec<{ id: string }>(
    ctx.tx,
    sql`select id from cms.media where id = any(${sql.param(ids)}::uuid[])`,
  );
  const found = new Set(rows.map((r) => r.id));
  const missing = refs.find((r) => !found.has(r.id));
  if (missing) throw badField(missing.field, `no media ${missing.id} in this tenant`, 'CMS.MEDIA_NOT_FOUND');
}
