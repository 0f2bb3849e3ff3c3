import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, expectProblem, inject } from './auth-helpers.js';
import {
  EXE,
  filesUnder,
  HTML,
  type MediaUser,
  makeJpeg,
  makeNoisePng,
  makePng,
  mediaHub,
  mediaRows,
  mediaUser,
  multipart,
  ok,
  PDF,
  SVG,
} from './fixtures/media/media-fixtures.js';

/** Small, so that a test image goes over it. */
const MAX = 256 * 1024;
let app: FastifyInstance;
let owner: MediaUser;
let mediaDir: string;

beforeAll(async () => {
  ({ app, mediaDir, owner } = await mediaHub({ MEDIA_MAX_BYTES: String(MAX) }));
});
afterAll(() => app.close());

describe('refused uploads leave nothing behind', () => {
  const nothingNew = async (before: string[], rowsBefore: number) => {
    expect(filesUnder(mediaDir)).toEqual(before);
    expect(await mediaRows(app, owner.tenantId)).toHaveLength(rowsBefore);
  };

  it('refuses a lying extension or Content-Type with 415 naming the detected type', async () => {
    const before = filesUnder(mediaDir);
    const rows = (await mediaRows(app, owner.tenantId)).length;
    const cases: [string, Buffer, string | undefined, string, string][] = [
      ['photo.jpg', PDF, 'image/jpeg', 'CMS.MEDIA_TYPE_MISMATCH', 'application/pdf'],
      ['photo.jpg', HTML, 'image/jpeg', 'CMS.MEDIA_TYPE_NOT_ALLOWED', 'text/html'],
      ['photo.jpg', EXE, 'image/jpeg', 'CMS.MEDIA_TYPE_NOT_ALLOWED', 'application/x-msdownload'],
      ['logo.svg', SVG, 'image/svg+xml', 'CMS.MEDIA_TYPE_NOT_ALLOWED', 'image/svg+xml'],
      ['invoice.exe', PDF, undefined, 'CMS.MEDIA_TYPE_MISMATCH', 'application/pdf'],
      ['page.html', await makePng(30, 30), undefined, 'CMS.MEDIA_TYPE_MISMATCH', 'image/png'],
      ['chart.png', await makeJpeg(50, 50), 'image/png', 'CMS.MEDIA_TYPE_MISMATCH', 'image/jpeg'],
      ['chart', await makeJpeg(60, 60), 'image/png', 'CMS.MEDIA_TYPE_MISMATCH', 'image/jpeg'],
    ];
    for (const [name, data, type, code, detected] of cases) {
      const p = expectProblem(await owner.upload(name, data, { type }), 415, code);
      expect(p.detail).toContain(detected);
      expect((p as unknown as { detected: string }).detected).toBe(detected);
      expect(p.errors?.[0]?.field).toBe('file');
    }
    await nothingNew(before, rows);
  });

  it('refuses a file over MEDIA_MAX_BYTES with 413 naming the limit: no row, no file, no temp file', async () => {
    const big = await makeNoisePng(400, 400);
    expect(big.length).toBeGreaterThan(MAX);
    const before = filesUnder(mediaDir);
    const rows = (await mediaRows(app, owner.tenantId)).length;
    const p = expectProblem(
      await owner.upload('big.png', big, { alt: 'after the file' }),
      413,
      'CMS.MEDIA_TOO_LARGE',
    );
    expect(p.detail).toContain('256 KiB');
    expect(p.detail).toContain(String(MAX));
    await nothingNew(before, rows);
    expect(filesUnder(path.join(mediaDir, '.tmp'))).toEqual([]);
  });

  it('refuses an image whose bytes are broken with 422, leaving nothing', async () => {
    const png = await makePng(400, 300);
    const broken = Buffer.concat([png.subarray(0, 60), Buffer.alloc(400, 7)]);
    const before = filesUnder(mediaDir);
    const rows = (await mediaRows(app, owner.tenantId)).length;
    expectProblem(await owner.upload('broken.png', broken), 422, 'CMS.MEDIA_INVALID_IMAGE');
    await nothingNew(before, rows);
  });

  it('answers 4xx naming the field for malformed uploads', async () => {
    const noFile = multipart([{ name: 'alt', value: 'just alt' }]);
    const send = (body: { payload: Buffer; headers: Record<string, string> }) =>
      inject(app, {
        method: 'POST',
        url: '/api/brain/cms/media',
        headers: { ...bearer(owner.token), ...body.headers },
        payload: body.payload,
      });
    expect(expectProblem(await send(noFile), 400, 'CMS.MEDIA_FILE_REQUIRED').errors?.[0]?.field).toBe('file');
    const wrongField = multipart([{ name: 'upload', filename: 'a.png', data: await makePng(10, 10) }]);
    expect(expectProblem(await send(wrongField), 400, 'CMS.MEDIA_UNEXPECTED_FIELD').detail).toContain(
      'upload',
    );
    const empty = multipart([{ name: 'file', filename: 'a.png', data: Buffer.alloc(0) }]);
    expectProblem(await send(empty), 400, 'CMS.MEDIA_EMPTY');
    const longAlt = multipart([
      { name: 'file', filename: 'a.png', data: await makePng(11, 11) },
      { name: 'alt', value: 'x'.repeat(1001) },
    ]);
    expect(expectProblem(await send(longAlt), 400, 'CMS.MEDIA_ALT_TOO_LONG').errors?.[0]?.field).toBe('alt');
    const json = await owner.call('POST', '/api/brain/cms/media', { file: 'aGVsbG8=' });
    expectProblem(json, 415, 'CMS.MEDIA_MULTIPART_REQUIRED');
    expect(filesUnder(path.join(mediaDir, '.tmp'))).toEqual([]);
  });

  it('lets a viewer read the library but not upload (403), and refuses anonymous uploads (401)', async () => {
    const viewer = await mediaUser(app, 'viewer');
    expectProblem(await viewer.upload('a.png', await makePng(20, 20)), 403, 'AUTH.FORBIDDEN');
    ok(await viewer.call('GET', '/api/brain/cms/media'));
    expect(await mediaRows(app, viewer.tenantId)).toHaveLength(0);
    const body = multipart([{ name: 'file', filename: 'a.png', data: await makePng(20, 20) }]);
    const anon = await inject(app, { method: 'POST', url: '/api/brain/cms/media', ...body });
    expectProblem(anon, 401, 'AUTH.REQUIRED');
  });
});

describe('over a real socket', () => {
  it('refuses a body declared too large at once and a streamed one at the limit, leaving nothing', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const before = filesUnder(mediaDir);
    const rows = (await mediaRows(app, owner.tenantId)).length;
    const huge = multipart([{ name: 'file', filename: 'huge.png', data: Buffer.alloc(3 * 1024 * 1024, 1) }]);
    const declared = await fetch(`${address}/api/brain/cms/media`, {
      method: 'POST',
      headers: { ...bearer(owner.token), ...huge.headers },
      body: huge.payload,
    });
    expect(declared.status).toBe(413);
    expect((await declared.json()).code).toBe('CMS.MEDIA_TOO_LARGE');

    // Chunked, no Content-Length: only counting the streamed bytes can stop it.
    const big = multipart([{ name: 'file', filename: 'big.png', data: await makeNoisePng(420, 420) }]);
    const chunks = Array.from({ length: Math.ceil(big.payload.length / 16384) }, (_, i) =>
      big.payload.subarray(i * 16384, (i + 1) * 16384),
    );
    const streamed = await fetch(`${address}/api/brain/cms/media`, {
      method: 'POST',
      headers: { ...bearer(owner.token), ...big.headers },
      body: new ReadableStream({
        pull(c) {
          const next = chunks.shift();
          if (next) c.enqueue(next);
          else c.close();
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(streamed.status).toBe(413);
    expect((await streamed.json()).detail).toContain('256 KiB');
    expect(filesUnder(mediaDir)).toEqual(before);
    expect(await mediaRows(app, owner.tenantId)).toHaveLength(rows);
  });
});
