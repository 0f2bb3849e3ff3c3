import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';

/** Shared by the deals, leads, activities and reports slices of the CRM. */
export const uuid = z.uuid({ message: 'must be a UUID' });
export const idParams = z.object({ id: uuid });
export const ok = z.object({ ok: z.literal(true) });
export const limit = z.coerce.number().int().min(1).max(100).default(50);
export const cursor = z.string().max(200).optional();
export const custom = z.record(z.string().max(40), z.unknown());
export const tags = z.array(z.string().trim().min(1).max(50)).max(50);
export const money = z.number().nonnegative().max(999_999_999_999.99);
export const currency = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter currency code like USD');
export const isoDate = z.iso.date({ message: 'must be a date like 2026-01-31' });
export const isoDateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time' });

/** A page of items and the cursor of the next page (null on the last page). */
export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** Keyset cursors are opaque to clients: base64url JSON of the last row's sort key. */
export function encodeCursor(key: unknown[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(raw: string | undefined, shape: ('string' | 'uuid')[]): string[] | undefined {
  if (!raw) return undefined;
  try {
    const v = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === shape.length && v.every((x) => typeof x === 'string')) {
      if (shape.every((s, i) => s !== 'uuid' || uuid.safeParse(v[i]).success)) return v as string[];
    }
  } catch {
    // fall through
  }
  throw new AppError('CRM.INVALID_CURSOR', 400, 'querystring.cursor: is not a cursor this list returned');
}

/** Returns the page and the cursor after its last row, fetching one row more than asked. */
export function pageOf<T>(rows: T[], size: number, key: (row: T) => unknown[]) {
  const items = rows.slice(0, size);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > size && last ? encodeCursor(key(last)) : null };
}

/** Owners and assignees: the CRM's one member check (lists/records.ts). */
export { assertMember } from '../lists/index.js';

const linkTables: Record<string, SQL> = {
  contactId: sql`crm.contacts`,
  companyId: sql`crm.companies`,
  dealId: sql`crm.deals`,
  leadId: sql`crm.leads`,
};

/** Linked records must exist in this tenant; the error names the body field. */
export async function assertLinks(
  ctx: TenantCtx,
  links: Partial<Record<'contactId' | 'companyId' | 'dealId' | 'leadId', string | null>>,
) {
  for (const [field, id] of Object.entries(links)) {
    if (!id) continue;
    const { rowCount } = await exec(ctx.tx, sql`select 1 from ${linkTables[field]} where id = ${id}`);
    if (!rowCount) throw new AppError('CRM.LINK_NOT_FOUND', 400, `body.${field}: no such record`);
  }
}

/** An `update … set` list from the fields present in a patch (undefined = leave unchanged). */
export function setList(
  patch: Record<string, unknown>,
  columns: Record<string, string>,
  json: string[] = [],
) {
  const parts: SQL[] = [];
  for (const [key, col] of Object.entries(columns)) {
    const v = patch[key];
    if (v === undefined) continue;
    parts.push(
      json.includes(key)
        ? sql`${sql.identifier(col)} = ${JSON.stringify(v)}::jsonb`
        : sql`${sql.identifier(col)} = ${Array.isArray(v) ? sql.param(v) : v}`,
    );
  }
  return parts;
}
