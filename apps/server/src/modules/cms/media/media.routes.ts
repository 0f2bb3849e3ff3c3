import fs from 'node:fs/promises';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { withTenant } from '../../../platform/db/tenant.js';
import type { Hub } from '../../../platform/hub.js';
import { notifySiteChanged } from '../content/site-changes.js';
import { mediaListQuery, mediaPage, mediaPatch, mediaSchema } from './media.schemas.js';
import { deleteMediaRow, getMedia, listMedia, patchMedia, removeFiles } from './media.service.js';
import { mediaStorage, uploadTmpDir } from './media-storage.js';
import { storeUpload } from './upload.service.js';
import { humanBytes, receiveUpload, sweepStaleUploads } from './upload-receive.js';

const idParams = z.object({ id: z.uuid({ message: 'must be a UUID' }) });

/** Media library: uploads, image variants, alt text; routes under /api/brain/cms/media. */
export const mediaRoutes: FastifyPluginAsyncZod<{ hub: Hub }> = async (app, { hub }) => {
  const tags = ['cms'];
  const storage = mediaStorage(hub.config);
  const maxBytes = hub.config.MEDIA_MAX_BYTES;
  const tmpDir = uploadTmpDir(hub.config);
  // Temporary files of a process that died mid-upload.
  sweepStaleUploads(tmpDir).catch((err) => hub.log.warn({ err }, 'stale upload sweep failed'));
  // Multipart only in this plugin's scope. busboy truncates a file at the limit; receiveUpload
  // sees `truncated` and answers 413.
  await app.register(multipart, { limits: { fileSize: maxBytes, files: 1 }, throwFileSizeLimit: false });

  app.post(
    '/media',
    {
      config: { permission: 'cms:write' },
      schema: {
        tags,
        summary: `Upload a file (multipart/form-data: field \`file\`, optional \`alt\`; up to ${humanBytes(maxBytes)})`,
        description:
          'The type is detected from the content: JPEG, PNG, WebP, GIF, AVIF and PDF are accepted; a name or ' +
          'declared Content-Type that says another type is refused with 415 naming the detected type. Images ' +
          'are oriented, stripped of metadata and get WebP variants. An identical earlier upload of the ' +
          'tenant is returned with 200 instead of a new item (201).',
        consumes: ['multipart/form-data'],
        response: { 200: mediaSchema, 201: mediaSchema },
      },
    },
    async (req, reply) => {
      const file = await receiveUpload(req, tmpDir, maxBytes);
      // The temporary file is gone before the answer leaves, whatever happened.
      const stored = await storeUpload(req.ctx, storage, file).finally(() =>
        fs.rm(file.tempPath, { force: true }),
      );
      return reply.status(stored.created ? 201 : 200).send(stored.media);
    },
  );

  app.get(
    '/media',
    {
      config: { permission: 'cms:read' },
      schema: {
        tags,
        summary: 'The media library, newest first (search, type filter, cursor pages)',
        querystring: mediaListQuery,
        response: { 200: mediaPage },
      },
    },
    (req) => withTenant(req.ctx, (ctx) => listMedia(ctx, req.query)),
  );

  app.get(
    '/media/:id',
    {
      config: { permission: 'cms:read' },
      schema: { tags, summary: 'One media item', params: idParams, response: { 200: mediaSchema } },
    },
    (req) => withTenant(req.ctx, (ctx) => getMedia(ctx, req.params.id)),
  );

  app.patch(
    '/media/:id',
    {
      config: { permission: 'cms:write' },
      schema: {
        tags,
        summary: 'Change alt text or file name',
        params: idParams,
        body: mediaPatch,
        response: { 200: mediaSchema },
      },
    },
    (req) =>
      withTenant(req.ctx, async (ctx) => {
        const { media, altChanged } = await patchMedia(ctx, req.params.id, req.body);
        // Alt text is rendered on the public sites.
        if (altChanged) await notifySiteChanged(ctx, '*');
        return media;
      }),
  );

  app.delete(
    '/media/:id',
    {
      config: { permission: 'cms:write' },
      schema: {
        tags,
        summary: 'Delete a media item and its files',
        params: idParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const keys = await withTenant(req.ctx, async (ctx) => {
        const removed = await deleteMediaRow(ctx, req.params.id);
        await notifySiteChanged(ctx, '*');
        return removed;
      });
      // Files go once the row is gone for good (a rolled-back delete keeps its files).
      await removeFiles(req.ctx, storage, keys);
      return reply.status(204).send(null);
    },
  );
};
