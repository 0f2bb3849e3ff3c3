import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importMedia } from '../src/modules/cms/media/index.js';
import {
  filesUnder,
  type Media,
  type MediaUser,
  makeJpeg,
  makePng,
  mediaHub,
  mediaRows,
  mediaUser,
  ok,
  PDF,
} from './fixtures/media/media-fixtures.js';

let app: FastifyInstance;
let owner: MediaUser;
let mediaDir: string;
/** A file of the public route on disk. */
const onDisk = (url: string) => path.join(mediaDir, ...url.replace(/^\/media\//, '').split('/'));

beforeAll(async () => {
  ({ app, mediaDir, owner } = await mediaHub());
});
afterAll(() => app.close());

describe('uploading images', () => {
  it('orients and strips a JPEG and writes WebP and JPEG variants no wider than the original', async () => {
    // 1800 × 1200 stored sideways: EXIF orientation 6 means it shows as 1200 × 1800.
    const jpeg = await makeJpeg(1800, 1200, { orientation: 6 });
    expect((await sharp(jpeg).metadata()).exif).toBeDefined();
    const m = ok<Media>(
      await owner.upload('Team Photo.JPG', jpeg, { type: 'image/jpeg', alt: 'The team' }),
      201,
    );
    expect(m).toMatchObject({
      filename: 'Team Photo.JPG',
      mime: 'image/jpeg',
      width: 1200,
      height: 1800,
      alt: 'The team',
    });
    expect(m.url).toBe(`/media/${owner.tenantId}/${m.id}/original.jpg`);
    const original = await sharp(onDisk(m.url)).metadata();
    expect(original).toMatchObject({ format: 'jpeg', width: 1200, height: 1800 });
    expect(original.exif).toBeUndefined();
    expect(original.orientation).toBeUndefined();
    expect(m.size).toBe(fs.statSync(onDisk(m.url)).size);

    // 320, 640, 1024 (1600 is wider than 1200), each in WebP and JPEG.
    expect(m.variants.map((v) => `${v.width}.${v.format}`)).toEqual([
      '320.webp',
      '320.jpeg',
      '640.webp',
      '640.jpeg',
      '1024.webp',
      '1024.jpeg',
    ]);
    for (const v of m.variants) {
      const meta = await sharp(onDisk(v.url)).metadata();
      expect(meta).toMatchObject({ format: v.format, width: v.width, height: v.height });
      expect(v.height).toBe(Math.round((v.width * 1800) / 1200));
      expect(meta.exif).toBeUndefined();
      expect(v.size).toBe(fs.statSync(onDisk(v.url)).size);
    }
    expect(filesUnder(path.join(mediaDir, owner.tenantId, m.id))).toEqual([
      'original.jpg',
      'w1024.jpg',
      'w1024.webp',
      'w320.jpg',
      'w320.webp',
      'w640.jpg',
      'w640.webp',
    ]);
    expect(filesUnder(path.join(mediaDir, '.tmp'))).toEqual([]);
  });

  it('makes every variant of a wide PNG and none for a small one', async () => {
    const wide = ok<Media>(
      await owner.upload('banner.png', await makePng(2000, 500), { type: 'image/png' }),
      201,
    );
    expect(wide.variants.filter((v) => v.format === 'webp').map((v) => v.width)).toEqual([
      320, 640, 1024, 1600,
    ]);
    expect(wide.variants.filter((v) => v.format === 'png').map((v) => v.width)).toEqual([
      320, 640, 1024, 1600,
    ]);
    const webp = await sharp(
      onDisk(wide.variants.find((v) => v.width === 1600 && v.format === 'webp')!.url),
    ).metadata();
    expect(webp).toMatchObject({ format: 'webp', width: 1600, height: 400 });

    // A name whose ending names no type says nothing: accepted under the detected type.
    const dated = ok<Media>(await owner.upload('IMG_2024.12.01', await makePng(210, 100)), 201);
    expect(dated).toMatchObject({ filename: 'IMG_2024.12.01', mime: 'image/png' });
    const icon = ok<Media>(await owner.upload('icon', await makePng(200, 100)), 201);
    expect(icon).toMatchObject({
      filename: 'icon',
      mime: 'image/png',
      width: 200,
      height: 100,
      variants: [],
    });
  });

  it('keeps the frames of an animated GIF in its variants and accepts AVIF', async () => {
    const frame = (c: string) =>
      sharp({ create: { width: 400, height: 200, channels: 4, background: c } })
        .png()
        .toBuffer();
    const gif = await sharp([await frame('#f00'), await frame('#00f')], { join: { animated: true } })
      .gif()
      .toBuffer();
    const m = ok<Media>(await owner.upload('spinner.gif', gif, { type: 'image/gif' }), 201);
    expect(m).toMatchObject({ mime: 'image/gif', width: 400, height: 200 });
    expect(m.variants.map((v) => `${v.width}x${v.height}.${v.format}`)).toEqual([
      '320x160.webp',
      '320x160.gif',
    ]);
    for (const v of m.variants)
      expect(await sharp(onDisk(v.url), { animated: true }).metadata()).toMatchObject({
        pages: 2,
        pageHeight: 160,
      });
    const avif = await sharp({ create: { width: 500, height: 300, channels: 3, background: '#0a0' } })
      .avif()
      .toBuffer();
    const a = ok<Media>(await owner.upload('leaf.avif', avif), 201);
    expect(a.variants.map((v) => `${v.width}.${v.format}`)).toEqual(['320.webp', '320.avif']);
    expect(a.url.endsWith('/original.avif')).toBe(true);
  });

  it('returns the existing item when the tenant uploads the same bytes again', async () => {
    const png = await makePng(300, 300, '#123456');
    const first = ok<Media>(await owner.upload('a.png', png), 201);
    const again = ok<Media>(await owner.upload('copy-of-a.png', png), 200);
    expect(again.id).toBe(first.id);
    expect(again.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect((await mediaRows(app, owner.tenantId)).filter((r) => r.id === first.id)).toHaveLength(1);
    // Another tenant gets an item of its own.
    const other = await mediaUser(app);
    expect(ok<Media>(await other.upload('a.png', png), 201).id).not.toBe(first.id);
  });

  it('imports bytes the hub already has (seeds) like an upload, idempotently', async () => {
    const png = await makePng(700, 350, '#abcdef');
    const ctx = app.hub.systemCtx(owner.tenantId, 'seed');
    const first = await importMedia(ctx, app.hub.config, { filename: 'seed.png', data: png, alt: 'Seeded' });
    expect(first.created).toBe(true);
    expect(first.media).toMatchObject({ alt: 'Seeded', width: 700, mime: 'image/png' });
    expect(first.media.variants.map((v) => v.width)).toEqual([320, 320, 640, 640]);
    const again = await importMedia(ctx, app.hub.config, { filename: 'seed.png', data: png });
    expect(again).toMatchObject({ created: false, media: { id: first.media.id } });
    await expect(importMedia(ctx, app.hub.config, { filename: 'x.png', data: PDF })).rejects.toMatchObject({
      status: 415,
    });
    expect(filesUnder(path.join(mediaDir, '.tmp'))).toEqual([]);
  });

  it('accepts a PDF as a document without variants', async () => {
    const m = ok<Media>(await owner.upload('brochure.pdf', PDF, { type: 'application/pdf' }), 201);
    expect(m).toMatchObject({
      mime: 'application/pdf',
      width: null,
      height: null,
      variants: [],
      size: PDF.length,
    });
    expect(fs.readFileSync(onDisk(m.url))).toEqual(PDF);
  });
});
