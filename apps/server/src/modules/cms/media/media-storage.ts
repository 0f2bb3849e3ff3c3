import path from 'node:path';
import { type Config, ConfigError } from '../../../config.js';
import { createLocalStorage } from './storage-local.js';
import { createS3Storage } from './storage-s3.js';

/**
 * Where media files live. Keys are `<tenantId>/<mediaId>/<file>`; a key's content never changes
 * (a new upload gets a new media id), which is what lets the public route cache forever.
 */
export interface MediaStorage {
  readonly kind: 'local' | 's3';
  /** Writes one object completely or not at all. */
  put(key: string, body: Buffer, contentType: string): Promise<void>;
  /** The object's bytes, or null when it does not exist. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the objects (missing ones are fine). */
  remove(keys: string[]): Promise<void>;
  /** Local storage: the file of a key on disk. */
  localPath?(key: string): string;
  /** S3: where the public route sends a browser (the public URL, or a signed, expiring one). */
  redirect?(key: string): Promise<{ url: string; permanent: boolean }>;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
/** File names we write: original.jpg, w640.webp, … (no dots but the extension's, no slashes). */
export const FILE_RE = /^[a-z0-9][a-z0-9-]{0,40}\.[a-z0-9]{2,5}$/;
export const KEY_RE = new RegExp(`^${UUID}/${UUID}/[a-z0-9][a-z0-9-]{0,40}\\.[a-z0-9]{2,5}$`);

export function assertKey(key: string) {
  if (!KEY_RE.test(key)) throw new Error(`not a media key: ${key}`);
}

export const mediaKey = (tenantId: string, mediaId: string, file: string) => `${tenantId}/${mediaId}/${file}`;

/** The temporary directory of uploads (same file system as local storage, so renames are atomic). */
export const uploadTmpDir = (config: Config) => path.join(config.DATA_DIR, 'media', '.tmp');

const byConfig = new WeakMap<Config, MediaStorage>();

/**
 * The configured storage, one per configuration: S3 when MEDIA_STORAGE=s3 or S3_BUCKET is set
 * (then S3_ENDPOINT, S3_BUCKET and the keys are required), else DATA_DIR/media.
 */
export function mediaStorage(config: Config): MediaStorage {
  const known = byConfig.get(config);
  if (known) return known;
  const kind = config.MEDIA_STORAGE ?? (config.S3_BUCKET ? 's3' : 'local');
  let storage: MediaStorage;
  if (kind === 's3') {
    const required = ['S3_ENDPOINT', 'S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const;
    const missing = required.filter((k) => !config[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: is required for S3 media storage`));
    storage = createS3Storage({
      endpoint: config.S3_ENDPOINT!,
      bucket: config.S3_BUCKET!,
      region: config.S3_REGION,
      accessKeyId: config.S3_ACCESS_KEY_ID!,
      secretAccessKey: config.S3_SECRET_ACCESS_KEY!,
      publicUrl: config.S3_PUBLIC_URL,
    });
  } else storage = createLocalStorage(path.join(config.DATA_DIR, 'media'));
  byConfig.set(config, storage);
  return storage;
}
