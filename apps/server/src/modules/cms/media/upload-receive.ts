import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../../platform/errors.js';
import { uuidv7 } from '../../../platform/ids.js';
import { ALT_MAX } from './media.schemas.js';

export interface ReceivedFile {
  tempPath: string;
  filename: string;
  declaredType: string;
  size: number;
  checksum: string;
  alt: string;
}

const fieldError = (status: number, code: string, field: string, message: string) =>
  new AppError(code, status, `${field}: ${message}`, { errors: [{ field, message }] });

/** Room for multipart headers and the alt field around the file. */
const MULTIPART_ALLOWANCE = 1_048_576;

export const humanBytes = (n: number) =>
  n >= 1_048_576 && n % 1_048_576 === 0
    ? `${n / 1_048_576} MiB`
    : n >= 1024 && n % 1024 === 0
      ? `${n / 1024} KiB`
      : `${n} bytes`;

export const tooLarge = (max: number) =>
  fieldError(
    413,
    'CMS.MEDIA_TOO_LARGE',
    'file',
    `is larger than the upload limit of ${humanBytes(max)} (${max} bytes)`,
  );

/** A file name safe to keep and show: the last path segment, no control characters, ≤ 255. */
export function cleanFilename(name: string | undefined): string {
  const base = (name ?? '').split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters on purpose
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '');
  return clean.trim().slice(-255);
}

/**
 * Streams the multipart `file` field to a temporary file while counting and hashing its bytes
 * (busboy stops at `maxBytes` + nothing), and reads the `alt` field before or after it. The
 * caller removes `tempPath`; on any error here it is already removed.
 */
export async function receiveUpload(
  req: FastifyRequest,
  tmpDir: string,
  maxBytes: number,
): Promise<ReceivedFile> {
  if (!req.isMultipart())
    throw new AppError(
      'CMS.MEDIA_MULTIPART_REQUIRED',
      415,
      'body: send multipart/form-data with the file in a field named file',
    );
  // A body declared far larger than the limit is refused before a byte of it is read.
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes + MULTIPART_ALLOWANCE) throw tooLarge(maxBytes);
  await fs.mkdir(tmpDir, { recursive: true });
  let received: Omit<ReceivedFile, 'alt'> | undefined;
  let alt = '';
  let truncated = false;
  const tempPath = path.join(tmpDir, `${uuidv7()}.upload`);
  try {
    const parts = req.parts({
      limits: { fileSize: maxBytes, files: 1, fields: 4, fieldSize: ALT_MAX * 4, parts: 6 },
    });
    for await (const part of parts) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file') {
          part.file.resume();
          throw fieldError(
            400,
            'CMS.MEDIA_UNEXPECTED_FIELD',
            part.fieldname,
            'send the file in a field named file',
          );
        }
        const hash = createHash('sha256');
        let size = 0;
        const count = new Transform({
          transform(chunk: Buffer, _enc, done) {
            size += chunk.length;
            hash.update(chunk);
            done(null, chunk);
          },
        });
        await pipeline(part.file, count, createWriteStream(tempPath, { flags: 'wx' }));
        truncated = part.file.truncated || size > maxBytes;
        received = {
          tempPath,
          filename: cleanFilename(part.filename),
          declaredType: part.mimetype ?? '',
          size,
          checksum: hash.digest('hex'),
        };
      } else if (part.fieldname === 'alt') {
        if (part.valueTruncated || String(part.value).length > ALT_MAX)
          throw fieldError(400, 'CMS.MEDIA_ALT_TOO_LONG', 'alt', `at most ${ALT_MAX} characters`);
        alt = String(part.value).trim();
      } else {
        throw fieldError(
          400,
          'CMS.MEDIA_UNEXPECTED_FIELD',
          part.fieldname,
          'is not a field of an upload (file, alt)',
        );
      }
    }
    if (truncated) throw tooLarge(maxBytes);
    if (!received)
      throw fieldError(400, 'CMS.MEDIA_FILE_REQUIRED', 'file', 'send the file in a field named file');
    if (received.size === 0) throw fieldError(400, 'CMS.MEDIA_EMPTY', 'file', 'is empty');
    return { ...received, alt };
  } catch (err) {
    await fs.rm(tempPath, { force: true });
    const code = (err as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT')
      throw fieldError(400, 'CMS.MEDIA_ONE_FILE', 'file', 'send one file per upload');
    if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT')
      throw fieldError(
        400,
        'CMS.MEDIA_TOO_MANY_FIELDS',
        'body',
        'an upload has the fields file and alt only',
      );
    throw err;
  }
}

/**
 * Removes temporary files that a crashed process left behind (older than `olderThanMs`, so the
 * uploads of other hub processes sharing DATA_DIR are never touched).
 */
export async function sweepStaleUploads(tmpDir: string, olderThanMs = 3_600_000): Promise<number> {
  const names = await fs.readdir(tmpDir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const file = path.join(tmpDir, name);
    const stat = await fs.stat(file).catch(() => null);
    if (stat?.isFile() && Date.now() - stat.mtimeMs > olderThanMs) {
      await fs.rm(file, { force: true });
      removed++;
    }
  }
  return removed;
}
