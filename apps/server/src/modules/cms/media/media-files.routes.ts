import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { exec, withTenant } from '../../../platform/db/tenant.js';
import { AppError } from '../../../platform/errors.js';
import type { Hub } from '../../../platform/hub.js';
import { UUID_RE } from '../../../platform/ids.js';
import { FILE_RE, mediaKey, mediaStorage } from './media-storage.js';
import { tenantServesMedia } from './media-tenants.js';
import { contentTypeOfFile } from './media-types.js';

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Checked in the handler so that anything that is not a media file is simply a 404.
const fileParams = z.object({ tenantId: z.string(), mediaId: z.string(), file: z.string() });
const notFound = () => new AppError('CMS.MEDIA_FILE_NOT_FOUND', 404, 'No such media file');

/**
 * Public media files, mounted at /media: `GET /media/<tenantId>/<mediaId>/<file>`. Local files
 * are served with immutable caching (a key's bytes never change), their own Content-Type, an
 * ETag and nosniff; S3 files are redirected to the bucket's public URL or a signed one. The
 * parameters are checked against strict patterns before any path is built, so nothing outside
 * the media directory can be named. Files of a tenant that is not active are not served.
 */
export const mediaFileRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const storage = mediaStorage(hub.config);
  app.get(
    '/:tenantId/:mediaId/:file',
    {
      config: { public: true },
      schema: {
        tags: ['cms'],
        summary: 'A public media file (original or variant)',
        params: fileParams,
      },
    },
    async (req, reply) => {
      const { tenantId, mediaId, file } = req.params;
      if (!UUID_RE.test(tenantId) || !UUID_RE.test(mediaId) || !FILE_RE.test(file)) throw notFound();
      const key = mediaKey(tenantId.toLowerCase(), mediaId.toLowerCase(), file);
      const type = contentTypeOfFile(file);
      if (!type) throw notFound();
      // A suspended tenant's files go dark with its site.
      if (!(await tenantServesMedia(hub, tenantId.toLowerCase()))) throw notFound();
      reply.header('x-content-type-options', 'nosniff');
      if (storage.localPath) {
        const filePath = storage.localPath(key);
        const stat = await fs.stat(filePath).catch(() => null);
        if (!stat?.isFile()) throw notFound();
        const etag = `"${stat.size.toString(16)}-${Math.floor(stat.mtimeMs).toString(16)}"`;
        reply
          .header('cache-control', IMMUTABLE)
          .header('etag', etag)
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header('cross-origin-resource-policy', 'cross-origin');
        if (req.headers['if-none-match'] === etag) return reply.status(304).send();
        return reply.type(type).header('content-length', stat.size).send(createReadStream(filePath));
      }
      // S3: only keys of an existing media item, then a redirect.
      const known = await withTenant({ ...req.ctx, tenantId: key.slice(0, 36) }, async (ctx) => {
        const { rows } = await exec(
          ctx.tx,
          sql`select 1 from cms.media where id = ${mediaId} and (key = ${key}
            or variants @> ${JSON.stringify([{ key }])}::jsonb)`,
        );
        return rows.length > 0;
      });
      if (!known) throw notFound();
      const target = await storage.redirect!(key);
      reply.header('cache-control', target.permanent ? IMMUTABLE : 'private, max-age=300');
      return reply.redirect(target.url, target.permanent ? 301 : 302);
    },
  );
};
