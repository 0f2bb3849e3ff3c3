import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../../../config.js';
import type { Ctx } from '../../../platform/context.js';
import { exec, withTenant } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { type Rendition, renderImage } from './image-variants.js';
import type { Media } from './media.schemas.js';
import {
  findByChecksum,
  type MediaRow,
  mediaCols,
  present,
  removeFiles,
  type StoredVariant,
} from './media.service.js';
import { type MediaStorage, mediaKey, mediaStorage, uploadTmpDir } from './media-storage.js';
import { checkUploadType, detectMime } from './media-types.js';
import type { ReceivedFile } from './upload-receive.js';

/**
 * Turns a received upload into a media item: the type from the content (415 when it is not
 * accepted or the name lies), an identical earlier upload of the tenant returned as is, images
 * rendered (oriented, stripped, variants), every file written to storage, then the row. If any
 * write or the insert fails, everything written is removed and no row exists.
 */
export async function storeUpload(
  ctx: Ctx,
  storage: MediaStorage,
  file: ReceivedFile,
): Promise<{ media: Media; created: boolean }> {
  const detected = await detectMime(file.tempPath);
  const type = checkUploadType(detected, file.filename, file.declaredType);
  const existing = await withTenant(ctx, (t) => findByChecksum(t, file.checksum));
  if (existing) return { media: existing, created: false };

  const bytes = await fs.readFile(file.tempPath);
  let original: Rendition;
  let variants: Rendition[] = [];
  let width: number | null = null;
  let height: number | null = null;
  if (type.image) {
    const img = await renderImage(bytes, type);
    ({ original, variants, width, height } = img);
  } else {
    original = {
      file: `original.${type.ext}`,
      width: 0,
      height: 0,
      format: 'pdf',
      contentType: type.mime,
      data: bytes,
    };
  }

  const tenantId = ctx.tenantId!;
  const id = uuidv7();
  const written: string[] = [];
  try {
    for (const r of [original, ...variants]) {
      const key = mediaKey(tenantId, id, r.file);
      await storage.put(key, r.data, r.contentType).catch((err) => {
        ctx.log.error({ err, key }, 'media storage write failed');
        throw new AppError('CMS.MEDIA_STORAGE_FAILED', 503, 'The file could not be stored; try again');
      });
      written.push(key);
    }
    const stored: StoredVariant[] = variants.map((v) => ({
      width: v.width,
      height: v.height,
      format: v.format,
      key: mediaKey(tenantId, id, v.file),
      size: v.data.length,
    }));
    const filename = file.filename || `upload.${type.ext}`;
    const actor = ctx.actor.kind === 'user' ? ctx.actor.userId : null;
    const media = await withTenant(ctx, async (t) => {
      const { rows } = await exec<MediaRow>(
        t.tx,
        sql`insert into cms.media (tenant_id, id, filename, mime, size, width, height, alt, storage, key,
            variants, checksum, created_by)
          values (${tenantId}, ${id}, ${filename}, ${type.mime}, ${original.data.length}, ${width}, ${height},
            ${file.alt}, ${storage.kind}, ${mediaKey(tenantId, id, original.file)},
            ${JSON.stringify(stored)}::jsonb, ${file.checksum}, ${actor})
          on conflict (tenant_id, checksum) do nothing
          returning ${mediaCols}`,
      );
      return rows[0] ? present(rows[0]) : null;
    });
    if (media) return { media, created: true };
    // The same file was stored by a concurrent upload: keep that one.
    await removeFiles(ctx, storage, written);
    const winner = await withTenant(ctx, (t) => findByChecksum(t, file.checksum));
    return { media: winner!, created: false };
  } catch (err) {
    await removeFiles(ctx, storage, written);
    throw err;
  }
}

/**
 * Stores bytes the hub already has (demo seeds, imports) exactly as an upload would be: same type
 * checks, variants and storage. Idempotent: the same bytes return the tenant's existing item.
 */
export async function importMedia(
  ctx: Ctx,
  config: Config,
  input: { filename: string; data: Buffer; alt?: string },
): Promise<{ media: Media; created: boolean }> {
  const tmpDir = uploadTmpDir(config);
  await fs.mkdir(tmpDir, { recursive: true });
  const tempPath = path.join(tmpDir, `${uuidv7()}.import`);
  await fs.writeFile(tempPath, input.data, { flag: 'wx' });
  const file: ReceivedFile = {
    tempPath,
    filename: input.filename,
    declaredType: '',
    size: input.data.length,
    checksum: createHash('sha256').update(input.data).digest('hex'),
    alt: input.alt ?? '',
  };
  return storeUpload(ctx, mediaStorage(config), file).finally(() => fs.rm(tempPath, { force: true }));
}
