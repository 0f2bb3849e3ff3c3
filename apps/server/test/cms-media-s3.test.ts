import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../src/config.js';
import { createS3Storage } from '../src/modules/cms/media/storage-s3.js';
import { expectProblem, inject } from './auth-helpers.js';
import {
  filesUnder,
  type MediaUser,
  makeJpeg,
  makePng,
  mediaRows,
  mediaUser,
  ok,
} from './fixtures/media/media-fixtures.js';
import { buildTestApp } from './helpers.js';

/**
 * A small S3-compatible server on loopback (the edge of the world we cannot reach here): path-style
 * PUT/GET/DELETE of objects, every request's AWS SigV4 signature (Authorization header or
 * presigned query) recomputed and checked against the secret, and the payload hash checked.
 */
const AKID = 'AKIATESTMEDIA0001';
const SECRET = 'test-secret-key/with+chars';
const REGION = 'eu-test-1';
const BUCKET = 'bizosaas-media';
const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();
const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function verifySigV4(req: http.IncomingMessage, url: URL, body: Buffer): string | null {
  const q = url.searchParams;
  const auth = req.headers.authorization;
  let credential: string, signedHeaders: string, signature: string, amzDate: string, payloadHash: string;
  if (auth) {
    const m =
      /^AWS4-HMAC-SHA256 Credential=([^,\s]+), SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return 'malformed Authorization header';
    [credential, signedHeaders, signature] = [m[1]!, m[2]!, m[3]!];
    amzDate = String(req.headers['x-amz-date'] ?? '');
    payloadHash = String(req.headers['x-amz-content-sha256'] ?? '');
    if (payloadHash !== 'UNSIGNED-PAYLOAD' && payloadHash !== sha256(body)) return 'payload hash differs';
    if (!signedHeaders.split(';').includes('x-amz-content-sha256')) return 'payload hash not signed';
  } else if (q.get('X-Amz-Algorithm') === 'AWS4-HMAC-SHA256') {
    [credential, signedHeaders, signature, amzDate] = [
      'Credential',
      'SignedHeaders',
      'Signature',
      'Date',
    ].map((k) => q.get(`X-Amz-${k}`) ?? '') as [string, string, string, string];
    payloadHash = 'UNSIGNED-PAYLOAD';
  } else return 'no signature';
  const [key, date, region, service, term] = credential.split('/');
  if (key !== AKID || region !== REGION || service !== 's3' || term !== 'aws4_request')
    return 'bad credential scope';
  if (!/^\d{8}T\d{6}Z$/.test(amzDate) || amzDate.slice(0, 8) !== date) return 'bad date';
  if (!signedHeaders.split(';').includes('host')) return 'host not signed';
  const query = [...q]
    .filter(([k]) => k !== 'X-Amz-Signature')
    .map(([k, v]) => [enc(k), enc(v)])
    .sort(([a, x], [b, y]) => (a! < b! ? -1 : a! > b! ? 1 : x! < y! ? -1 : 1))
    .map((p) => p.join('='))
    .join('&');
  const headers = signedHeaders
    .split(';')
    .map((h) => `${h}:${String(req.headers[h] ?? '').trim()}\n`)
    .join('');
  const canonical = [req.method, url.pathname, query, headers, signedHeaders, payloadHash].join('\n');
  const scope = `${date}/${region}/s3/aws4_request`;
  const toSign = ['AWS4-HMAC-SHA256', amzDate, scope, sha256(canonical)].join('\n');
  const signingKey = hmac(hmac(hmac(hmac(`AWS4${SECRET}`, date!), region!), 's3'), 'aws4_request');
  return hmac(signingKey, toSign).toString('hex') === signature ? null : 'signature does not match';
}

interface FakeS3 {
  url: string;
  objects: Map<string, { body: Buffer; type: string }>;
  refused: string[];
  failPut: (key: string) => boolean;
  close(): Promise<void>;
}

async function startFakeS3(): Promise<FakeS3> {
  const s3: FakeS3 = {
    url: '',
    objects: new Map(),
    refused: [],
    failPut: () => false,
    close: async () => {},
  };
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(req.url!, 'http://s3.local');
    const problem = verifySigV4(req, url, body);
    if (problem) {
      s3.refused.push(`${req.method} ${url.pathname}: ${problem}`);
      res
        .writeHead(403, { 'content-type': 'application/xml' })
        .end(`<Error><Code>SignatureDoesNotMatch</Code></Error>`);
      return;
    }
    const prefix = `/${BUCKET}/`;
    if (!url.pathname.startsWith(prefix))
      return res.writeHead(404).end('<Error><Code>NoSuchBucket</Code></Error>');
    const key = decodeURIComponent(url.pathname.slice(prefix.length));
    if (req.method === 'PUT') {
      if (s3.failPut(key)) return res.writeHead(500).end('<Error><Code>InternalError</Code></Error>');
      s3.objects.set(key, { body, type: String(req.headers['content-type'] ?? '') });
      return res.writeHead(200, { etag: `"${sha256(body).slice(0, 32)}"` }).end();
    }
    const obj = s3.objects.get(key);
    if (req.method === 'GET') {
      if (!obj) return res.writeHead(404).end('<Error><Code>NoSuchKey</Code></Error>');
      return res
        .writeHead(200, { 'content-type': obj.type, 'content-length': obj.body.length })
        .end(obj.body);
    }
    if (req.method === 'DELETE') {
      s3.objects.delete(key);
      return res.writeHead(204).end();
    }
    res.writeHead(405).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  s3.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  s3.close = () => new Promise((r) => server.close(() => r()));
  return s3;
}

let s3: FakeS3;
let app: FastifyInstance;
let cdnApp: FastifyInstance;
let user: MediaUser;
const s3Env = () => ({
  S3_ENDPOINT: s3.url,
  S3_BUCKET: BUCKET,
  S3_REGION: REGION,
  S3_ACCESS_KEY_ID: AKID,
  S3_SECRET_ACCESS_KEY: SECRET,
});
const keyOf = (url: string) => url.replace(/^\/media\//, '');

beforeAll(async () => {
  s3 = await startFakeS3();
  app = await buildTestApp(s3Env());
  cdnApp = await buildTestApp({ ...s3Env(), S3_PUBLIC_URL: 'https://cdn.example.com/media/' });
  user = await mediaUser(app);
});
afterAll(async () => {
  await app?.close();
  await cdnApp?.close();
  await s3?.close();
});

describe('the S3 driver', () => {
  it('puts, gets and deletes objects with SigV4-signed requests', async () => {
    const storage = createS3Storage({
      endpoint: s3.url,
      bucket: BUCKET,
      region: REGION,
      accessKeyId: AKID,
      secretAccessKey: SECRET,
    });
    const key = '01a20000-0000-7000-8000-000000000001/01a20000-0000-7000-8000-000000000002/original.png';
    const body = await makePng(10, 10);
    await storage.put(key, body, 'image/png');
    expect(s3.objects.get(key)).toEqual({ body, type: 'image/png' });
    expect(await storage.get(key)).toEqual(body);
    await storage.remove([key]);
    expect(s3.objects.has(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    expect(s3.refused).toEqual([]);

    const wrong = createS3Storage({
      endpoint: s3.url,
      bucket: BUCKET,
      region: REGION,
      accessKeyId: AKID,
      secretAccessKey: 'not-the-secret',
    });
    await expect(wrong.put(key, body, 'image/png')).rejects.toThrow(/403/);
    expect(s3.refused.pop()).toMatch(/signature does not match/);
    await expect(storage.get('../../etc/passwd')).rejects.toThrow(/not a media key/);
  });

  it('refuses to start with S3 chosen but not configured, naming the variable', async () => {
    await expect(buildTestApp({ MEDIA_STORAGE: 's3' })).rejects.toThrow(ConfigError);
    await expect(buildTestApp({ MEDIA_STORAGE: 's3', S3_BUCKET: BUCKET })).rejects.toThrow(/S3_ENDPOINT/);
  });
});

describe('media on S3', () => {
  it('uploads the original and its variants to the bucket, nothing to the local disk', async () => {
    const m = ok<{ id: string; url: string; variants: { url: string; format: string; width: number }[] }>(
      await user.upload('hero.jpg', await makeJpeg(700, 350), { alt: 'Hero' }),
      201,
    );
    const keys = [m.url, ...m.variants.map((v) => v.url)].map(keyOf);
    expect(keys).toHaveLength(5);
    for (const key of keys) expect(s3.objects.has(key), key).toBe(true);
    expect(s3.objects.get(keyOf(m.url))!.type).toBe('image/jpeg');
    const w640 = m.variants.find((v) => v.width === 640 && v.format === 'webp')!;
    expect(await sharp(s3.objects.get(keyOf(w640.url))!.body).metadata()).toMatchObject({
      format: 'webp',
      width: 640,
      height: 320,
    });
    const { rows } = await app.hub.db.admin.query('select storage from cms.media where id = $1', [m.id]);
    expect(rows[0].storage).toBe('s3');
    expect(filesUnder(path.join(app.hub.config.DATA_DIR, 'media'))).toEqual([]);
    expect(s3.refused).toEqual([]);
  });

  it('redirects the public route to a signed URL that the store answers, and 404s unknown files', async () => {
    const m = ok<{ items: { id: string; url: string }[] }>(await user.call('GET', '/api/brain/cms/media'))
      .items[0]!;
    const res = await inject(app, { url: m.url });
    expect(res.statusCode).toBe(302);
    const location = new URL(res.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe(`${s3.url}/${BUCKET}/${keyOf(m.url)}`);
    expect(location.searchParams.get('X-Amz-Expires')).toBe('3600');
    const fetched = await fetch(location);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(s3.objects.get(keyOf(m.url))!.body);
    expect(s3.refused).toEqual([]);
    expect((await inject(app, { url: m.url.replace('original.jpg', 'w9999.webp') })).statusCode).toBe(404);
    expect(
      (await inject(app, { url: `/media/${user.tenantId}/${user.userId}/original.jpg` })).statusCode,
    ).toBe(404);

    // With S3_PUBLIC_URL the redirect goes to the CDN, permanently.
    const other = await mediaUser(cdnApp);
    const onCdn = ok<{ url: string }>(await other.upload('cdn.png', await makePng(50, 40)), 201);
    const cdn = await inject(cdnApp, { url: onCdn.url });
    expect(cdn.statusCode).toBe(301);
    expect(cdn.headers.location).toBe(`https://cdn.example.com/media/${keyOf(onCdn.url)}`);
  });

  it('removes everything already written when one variant fails, and commits no row', async () => {
    const before = new Set(s3.objects.keys());
    const rows = (await mediaRows(app, user.tenantId)).length;
    s3.failPut = (key) => key.endsWith('/w640.webp');
    try {
      const p = expectProblem(
        await user.upload('fails.png', await makePng(900, 300)),
        503,
        'CMS.MEDIA_STORAGE_FAILED',
      );
      expect(p.detail).not.toContain('127.0.0.1');
    } finally {
      s3.failPut = () => false;
    }
    expect(new Set(s3.objects.keys())).toEqual(before);
    expect(await mediaRows(app, user.tenantId)).toHaveLength(rows);
    expect(filesUnder(path.join(app.hub.config.DATA_DIR, 'media'))).toEqual([]);
  });

  it('deletes the objects with the item', async () => {
    const m = ok<{ id: string; url: string; variants: { url: string }[] }>(
      await user.upload('gone.png', await makePng(400, 100)),
      201,
    );
    const keys = [m.url, ...m.variants.map((v) => v.url)].map(keyOf);
    expect(keys.every((k) => s3.objects.has(k))).toBe(true);
    expect((await user.call('DELETE', `/api/brain/cms/media/${m.id}`)).statusCode).toBe(204);
    expect(keys.filter((k) => s3.objects.has(k))).toEqual([]);
    expect((await inject(app, { url: m.url })).statusCode).toBe(404);
    expect(fs.existsSync(path.join(app.hub.config.DATA_DIR, 'media', user.tenantId))).toBe(false);
  });
});
