import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { assertKey, type MediaStorage } from './media-storage.js';

/**
 * Media under a directory (DATA_DIR/media/<tenantId>/<mediaId>/<file>). Each file is written to
 * `.tmp/` on the same file system and renamed into place, so a reader never sees half a file.
 */
export function createLocalStorage(root: string): MediaStorage {
  const tmpDir = path.join(root, '.tmp');
  const fileOf = (key: string) => {
    assertKey(key);
    return path.join(root, ...key.split('/'));
  };
  return {
    kind: 'local',
    localPath: fileOf,
    async put(key, body) {
      const final = fileOf(key);
      await fs.mkdir(path.dirname(final), { recursive: true });
      await fs.mkdir(tmpDir, { recursive: true });
      const tmp = path.join(tmpDir, `${randomUUID()}.part`);
      try {
        await fs.writeFile(tmp, body, { flag: 'wx' });
        await fs.rename(tmp, final);
      } catch (err) {
        await fs.rm(tmp, { force: true });
        throw err;
      }
    },
    async get(key) {
      try {
        return await fs.readFile(fileOf(key));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw err;
      }
    },
    async remove(keys) {
      const dirs = new Set<string>();
      for (const key of keys) {
        const file = fileOf(key);
        await fs.rm(file, { force: true });
        dirs.add(path.dirname(file));
      }
      // The media's directory goes when it is empty (rmdir refuses otherwise).
      for (const dir of dirs) await fs.rmdir(dir).catch(() => {});
    },
  };
}
