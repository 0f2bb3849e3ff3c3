import { type SQL, sql } from 'drizzle-orm';
import type { TenantCtx } from '../../../platform/context.js';
import { exec } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { UUID_RE } from '../../../platform/ids.js';
import type { Media, MediaListQuery, MediaPatch } from './media.schemas.js';
import type { MediaStorage } from './media-storage.js';

/** A stored variant as the jsonb column keeps it. */
export interface StoredVariant {
  width: number;
  height: number;
  format: string;
  key: string;
  size: number;
}

export interface MediaRow {
  id: string;
  filename: string;
  mime: string;
  size: string;
  width: number | null;
  height: number | null;
  alt: string;
  key: string;
  variants: StoredVariant[];
  checksum: string;
  createdAt: string;
  updatedAt: string;
  ts: string;
}

export const mediaCols = sql`id, filename, mime, size, width, height, alt, key, variants, checksum,
  created_at as "createdAt", updated_at as "updatedAt",
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts`;

/** Public path of a stored file: served (or redirected to S3) by the hub's /media route. */
export const fileUrl = (key: string) => `/media/${key}`;

export function present(row: MediaRow): Media {
  return {
    id: row.id,
    filename: row.filename,
    mime: row.mime,
    size: Number(row.size),
    width: row.width,
    height: row.height,
    alt: row.alt,
    url: fileUrl(row.key),
    variants: row.variants.map((v) => ({
      width: v.width,
      height: v.height,
      format: v.format,
      size: v.size,
      url: fileUrl(v.key),
    })),
    checksum: row.checksum,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

export const mediaNotFound = (id: string) =>
  new AppError('CMS.MEDIA_NOT_FOUND', 404, `Media ${id} was not found`);

const cursorOf = (row: MediaRow) => Buffer.from(`${row.ts}|${row.id}`).toString('base64url');
function decodeCursor(cursor: string): [string, string] {
  const [ts, id] = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  if (!ts || !id || !UUID_RE.test(id) || Number.isNaN(Date.parse(ts)))
    throw new AppError('CMS.MEDIA_BAD_CURSOR', 400, 'query.cursor: is not a cursor of this list', {
      errors: [{ field: 'query.cursor', message: 'is not a cursor of this list' }],
    });
  return [ts, id];
}

const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Newest first, searched on file name and alt text, filtered by type, keyset-paged. */
export async function listMedia(ctx: TenantCtx, q: MediaListQuery) {
  const where: SQL[] = [sql`true`];
  if (q.q) {
    const p = likePattern(q.q);
    where.push(sql`(filename ilike ${p} or alt ilike ${p})`);
  }
  if (q.type === 'image') where.push(sql`mime like 'image/%'`);
  else if (q.type === 'document') where.push(sql`mime not like 'image/%'`);
  else if (q.type) where.push(sql`mime = ${q.type}`);
  if (q.cursor) {
    const [ts, id] = decodeCursor(q.cursor);
    where.push(sql`(created_at, id) < (${ts}::timestamptz, ${id}::uuid)`);
  }
  const { rows } = await exec<MediaRow>(
    ctx.tx,
    sql`select ${mediaCols} from cms.media where ${sql.join(where, sql` and `)}
      order by created_at desc, id desc limit ${q.limit + 1}`,
  );
  const more = rows.length > q.limit;
  const page = rows.slice(0, q.limit);
  return { items: page.map(present), nextCursor: more ? cursorOf(page[page.length - 1]!) : null };
}

async function row(ctx: TenantCtx, id: string, lock = false): Promise<MediaRow> {
  const { rows } = await exec<MediaRow>(
    ctx.tx,
    sql`select ${mediaCols} from cms.media where id = ${id}${lock ? sql` for update` : sql``}`,
  );
  if (!rows[0]) throw mediaNotFound(id);
  return rows[0];
}

export const getMedia = async (ctx: TenantCtx, id: string) => present(await row(ctx, id));

/** Media by id (unknown ids are left out), for renderers and pickers. */
export async function mediaById(ctx: TenantCtx, ids: readonly string[]): Promise<Map<string, Media>> {
  const wanted = [...new Set(ids)].filter((id) => UUID_RE.test(id));
  if (!wanted.length) return new Map();
  const { rows } = await exec<MediaRow>(
    ctx.tx,
    sql`select ${mediaCols} from cms.media where id = any(${sql.param(wanted)}::uuid[])`,
  );
  return new Map(rows.map((r) => [r.id, present(r)]));
}

export async function findByChecksum(ctx: TenantCtx, checksum: string): Promise<Media | null> {
  const { rows } = await exec<MediaRow>(
    ctx.tx,
    sql`select ${mediaCols} from cms.media where checksum = ${checksum} order by created_at limit 1`,
  );
  return rows[0] ? present(rows[0]) : null;
}

/** Alt text and file name; `altChanged` tells the caller whether public output changed. */
export async function patchMedia(ctx: TenantCtx, id: string, patch: MediaPatch) {
  const before = await row(ctx, id, true);
  const { rows } = await exec<MediaRow>(
    ctx.tx,
    sql`update cms.media set alt = coalesce(${patch.alt ?? null}, alt),
        filename = coalesce(${patch.filename ?? null}, filename), updated_at = now()
      where id = ${id} returning ${mediaCols}`,
  );
  const media = present(rows[0]!);
  return { media, altChanged: media.alt !== before.alt };
}

/** Deletes the row; the caller removes the returned keys from storage once this commits. */
export async function deleteMediaRow(ctx: TenantCtx, id: string): Promise<string[]> {
  const { rows } = await exec<Pick<MediaRow, 'key' | 'variants'>>(
    ctx.tx,
    sql`delete from cms.media where id = ${id} returning key, variants`,
  );
  if (!rows[0]) throw mediaNotFound(id);
  return [rows[0].key, ...rows[0].variants.map((v) => v.key)];
}

/** Removes files after their row is gone; a failure leaves orphan files (logged), never a broken row. */
export async function removeFiles(ctx: Pick<TenantCtx, 'log'>, storage: MediaStorage, keys: string[]) {
  try {
    await storage.remove(keys);
  } catch (err) {
    ctx.log.warn({ err, keys }, 'media files could not be removed');
  }
}
