import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageSources, mediaById } from '../src/modules/cms/index.js';
import { sweepStaleUploads } from '../src/modules/cms/media/upload-receive.js';
import { withTenant } from '../src/platform/db/tenant.js';
import { expectProblem, inject } from './auth-helpers.js';
import {
  filesUnder,
  type Media,
  type MediaUser,
  makePng,
  mediaHub,
  mediaRows,
  mediaUser,
  ok,
  PDF,
} from './fixtures/media/media-fixtures.js';
import { databaseUrl } from './helpers.js';

interface Page {
  items: Media[];
  nextCursor: string | null;
}

let app: FastifyInstance;
let a: MediaUser;
let b: MediaUser;
let mediaDir: string;
const uploaded: Media[] = [];
const api = '/api/brain/cms/media';

beforeAll(async () => {
  ({ app, mediaDir, owner: a } = await mediaHub());
  b = await mediaUser(app);
  const files: [string, string][] = [
    ['sunset-beach.png', 'Sunset over the beach'],
    ['office-front.png', 'Our office, front door'],
    ['team_100%.png', 'The whole team'],
    ['logo.png', ''],
  ];
  for (const [i, [name, alt]] of files.entries())
    uploaded.push(ok<Media>(await a.upload(name, await makePng(700 + i, 400), { alt }), 201));
  uploaded.push(ok<Media>(await a.upload('price-list.pdf', PDF), 201));
});
afterAll(() => app.close());

const ids = (p: Page) => p.items.map((m) => m.id);

describe('the media library', () => {
  it('lists newest first in cursor pages', async () => {
    const newestFirst = uploaded.map((m) => m.id).reverse();
    const first = ok<Page>(await a.call('GET', `${api}?limit=2`));
    expect(ids(first)).toEqual(newestFirst.slice(0, 2));
    const second = ok<Page>(await a.call('GET', `${api}?limit=2&cursor=${first.nextCursor}`));
    expect(ids(second)).toEqual(newestFirst.slice(2, 4));
    const third = ok<Page>(await a.call('GET', `${api}?limit=2&cursor=${second.nextCursor}`));
    expect(ids(third)).toEqual(newestFirst.slice(4));
    expect(third.nextCursor).toBeNull();
    expectProblem(await a.call('GET', `${api}?cursor=bm9wZQ`), 400, 'CMS.MEDIA_BAD_CURSOR');
    expectProblem(await a.call('GET', `${api}?limit=500`), 400, 'HTTP.VALIDATION_FAILED');
  });

  it('searches file name and alt text, literally, and filters by type', async () => {
    const search = async (q: string) =>
      ok<Page>(await a.call('GET', `${api}?q=${encodeURIComponent(q)}`)).items.map((m) => m.filename);
    expect(await search('beach')).toEqual(['sunset-beach.png']);
    expect(await search('FRONT door')).toEqual(['office-front.png']);
    expect(await search('100%')).toEqual(['team_100%.png']);
    expect(await search('%')).toEqual(['team_100%.png']);
    expect(await search('nothing-like-this')).toEqual([]);
    const images = ok<Page>(await a.call('GET', `${api}?type=image`));
    expect(images.items).toHaveLength(4);
    const docs = ok<Page>(await a.call('GET', `${api}?type=document`));
    expect(docs.items.map((m) => m.mime)).toEqual(['application/pdf']);
    expect(ok<Page>(await a.call('GET', `${api}?type=image/png`)).items).toHaveLength(4);
    const bad = expectProblem(await a.call('GET', `${api}?type=video`), 400, 'HTTP.VALIDATION_FAILED');
    expect(JSON.stringify(bad)).toContain('type');
  });

  it('shows one item, edits alt and name, and refuses bad edits naming the field', async () => {
    const m = uploaded[3]!;
    expect(ok<Media>(await a.call('GET', `${api}/${m.id}`))).toMatchObject({ id: m.id, alt: '' });
    const edited = ok<Media>(
      await a.call('PATCH', `${api}/${m.id}`, { alt: '  Company logo ', filename: 'brand.png' }),
    );
    expect(edited).toMatchObject({ alt: 'Company logo', filename: 'brand.png', url: m.url });
    expect(ok<Media>(await a.call('GET', `${api}/${m.id}`))).toMatchObject({ alt: 'Company logo' });
    const tooLong = expectProblem(
      await a.call('PATCH', `${api}/${m.id}`, { alt: 'x'.repeat(1001) }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expect(JSON.stringify(tooLong.errors)).toContain('alt');
    const slash = expectProblem(
      await a.call('PATCH', `${api}/${m.id}`, { filename: '../etc/passwd' }),
      400,
      'HTTP.VALIDATION_FAILED',
    );
    expect(JSON.stringify(slash.errors)).toContain('filename');
    expectProblem(await a.call('PATCH', `${api}/${m.id}`, {}), 400, 'HTTP.VALIDATION_FAILED');
    expectProblem(await a.call('PATCH', `${api}/${m.id}`, { size: 1 }), 400, 'HTTP.VALIDATION_FAILED');
    expectProblem(await a.call('GET', `${api}/not-a-uuid`), 400, 'HTTP.VALIDATION_FAILED');
    expectProblem(await a.call('GET', `${api}/${b.tenantId}`), 404, 'CMS.MEDIA_NOT_FOUND');
  });

  it('tells the public sites when alt text changes (pg_notify on commit)', async () => {
    const listener = new pg.Client({ connectionString: databaseUrl() });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(`${n.channel} ${n.payload}`));
    await listener.query('listen cms_site_changed');
    try {
      ok(await a.call('PATCH', `${api}/${uploaded[0]!.id}`, { filename: 'sunset.png' }));
      ok(await a.call('PATCH', `${api}/${uploaded[0]!.id}`, { alt: 'Sunset, new words' }));
      // Delivery is asynchronous: wait for the first one (a loaded machine may take a while),
      // then a little longer for any second one that must not come.
      for (let i = 0; i < 250 && !heard.length; i++) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      expect(heard).toEqual([`cms_site_changed ${a.tenantId}:*`]);
    } finally {
      await listener.end();
    }
  });

  it('gives renderers media by id and image sources', async () => {
    const [png, pdf] = [uploaded[0]!, uploaded[4]!];
    const found = await withTenant(app.hub.systemCtx(a.tenantId), (ctx) =>
      mediaById(ctx, [png.id, pdf.id, 'junk', b.tenantId]),
    );
    expect([...found.keys()].sort()).toEqual([png.id, pdf.id].sort());
    const fromB = await withTenant(app.hub.systemCtx(b.tenantId), (ctx) => mediaById(ctx, [png.id]));
    expect(fromB.size).toBe(0);
    const src = imageSources(found.get(png.id)!, '50vw');
    expect(src).toMatchObject({
      src: png.url,
      width: 700,
      height: 400,
      alt: 'Sunset, new words',
      sizes: '50vw',
    });
    expect(src.srcset).toBe(
      png.variants
        .filter((v) => v.format === 'webp')
        .map((v) => `${v.url} ${v.width}w`)
        .join(', '),
    );
    expect(src.srcset).toContain('w640.webp 640w');
  });
});

describe('public media files', () => {
  it('serves a stored file with immutable caching, its type, an ETag and nosniff', async () => {
    const m = uploaded[0]!;
    const res = await inject(app, { url: m.variants[0]!.url });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'image/webp',
      'cache-control': 'public, max-age=31536000, immutable',
      'x-content-type-options': 'nosniff',
    });
    expect(res.rawPayload.subarray(0, 4).toString()).toBe('RIFF');
    const etag = res.headers.etag as string;
    expect(etag).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    expect(
      (await inject(app, { url: m.variants[0]!.url, headers: { 'if-none-match': etag } })).statusCode,
    ).toBe(304);
    const head = await inject(app, { method: 'HEAD', url: m.variants[0]!.url });
    expect(head.statusCode).toBe(200);
    expect(head.headers['content-length']).toBe(String(res.rawPayload.length));
    const pdf = await inject(app, { url: uploaded[4]!.url });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload).toEqual(PDF);
  });

  it('answers 404 for unknown files and for anything outside the media directory', async () => {
    const m = uploaded[0]!;
    fs.writeFileSync(path.join(app.hub.config.DATA_DIR, 'secret.txt'), 'top secret');
    const urls = [
      `/media/${a.tenantId}/${m.id}/w9999.webp`,
      `/media/${a.tenantId}/${b.tenantId}/original.png`,
      `/media/${a.tenantId}/${m.id}/..%2F..%2F..%2Fsecret.txt`,
      `/media/${a.tenantId}/${m.id}/%2e%2e`,
      `/media/${a.tenantId}/..%2F..%2Fsecret.txt/x.png`,
      `/media/..%2F..%2Fsecret.txt/${m.id}/x.png`,
      `/media/${a.tenantId}/${m.id}/original.png%00.txt`,
      '/media/.tmp/x/y.png',
    ];
    for (const url of urls) {
      const res = await inject(app, { url });
      expect({ url, status: res.statusCode }).toEqual({ url, status: 404 });
      expect(res.body).not.toContain('top secret');
    }
  });
});

describe('tenant isolation', () => {
  it('tenant B can never list, read, change, delete or fetch the library of A', async () => {
    const m = uploaded[1]!;
    expect(ok<Page>(await b.call('GET', api)).items).toEqual([]);
    expect(ok<Page>(await b.call('GET', `${api}?q=office`)).items).toEqual([]);
    expectProblem(await b.call('GET', `${api}/${m.id}`), 404, 'CMS.MEDIA_NOT_FOUND');
    expectProblem(await b.call('PATCH', `${api}/${m.id}`, { alt: 'hacked' }), 404, 'CMS.MEDIA_NOT_FOUND');
    expectProblem(await b.call('DELETE', `${api}/${m.id}`), 404, 'CMS.MEDIA_NOT_FOUND');
    expect(ok<Media>(await a.call('GET', `${api}/${m.id}`)).alt).toBe('Our office, front door');
    expect(filesUnder(path.join(mediaDir, a.tenantId, m.id))).toContain('original.png');
    expectProblem(await inject(app, { url: api }), 401, 'AUTH.REQUIRED');
  });
});

describe('deleting', () => {
  it('removes the row and every file, and the public URLs answer 404', async () => {
    const m = uploaded[2]!;
    expect(filesUnder(path.join(mediaDir, a.tenantId, m.id)).length).toBe(5);
    const viewer = await mediaUser(app, 'viewer');
    expectProblem(await viewer.call('DELETE', `${api}/${m.id}`), 403, 'AUTH.FORBIDDEN');
    expect((await a.call('DELETE', `${api}/${m.id}`)).statusCode).toBe(204);
    expect(fs.existsSync(path.join(mediaDir, a.tenantId, m.id))).toBe(false);
    expect((await mediaRows(app, a.tenantId)).map((r) => r.id)).not.toContain(m.id);
    expect((await inject(app, { url: m.url })).statusCode).toBe(404);
    expectProblem(await a.call('DELETE', `${api}/${m.id}`), 404, 'CMS.MEDIA_NOT_FOUND');
    expectProblem(await a.call('GET', `${api}/${m.id}`), 404, 'CMS.MEDIA_NOT_FOUND');
  });
});

describe('temporary files', () => {
  it('sweeps uploads a dead process left behind, and only old ones', async () => {
    const tmp = path.join(mediaDir, '.tmp');
    fs.mkdirSync(tmp, { recursive: true });
    const [old, fresh] = [path.join(tmp, 'old.upload'), path.join(tmp, 'fresh.upload')];
    fs.writeFileSync(old, 'x');
    fs.writeFileSync(fresh, 'y');
    const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(old, twoHoursAgo, twoHoursAgo);
    expect(await sweepStaleUploads(tmp)).toBe(1);
    expect(filesUnder(tmp)).toEqual(['fresh.upload']);
    fs.rmSync(fresh);
  });
});
