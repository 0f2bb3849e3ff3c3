import { createHash } from 'node:crypto';
import { AwsClient } from 'aws4fetch';
import { assertKey, type MediaStorage } from './media-storage.js';

export interface S3Options {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Public base URL of the bucket (a CDN); without it browsers get signed, expiring URLs. */
  publicUrl?: string;
}

const SIGNED_URL_SECONDS = 3600;

/**
 * S3-compatible object storage (AWS S3, MinIO, R2, …) over path-style URLs
 * (`<endpoint>/<bucket>/<key>`), every request signed with AWS SigV4 by aws4fetch. A PUT is
 * atomic on S3: an object exists completely or not at all.
 */
export function createS3Storage(o: S3Options): MediaStorage {
  const client = new AwsClient({
    accessKeyId: o.accessKeyId,
    secretAccessKey: o.secretAccessKey,
    region: o.region,
    service: 's3',
    retries: 2,
  });
  const base = `${o.endpoint.replace(/\/$/, '')}/${encodeURIComponent(o.bucket)}`;
  const urlOf = (key: string) => {
    assertKey(key);
    return `${base}/${key}`;
  };
  const fail = async (what: string, key: string, res: Response) => {
    const text = await res.text().catch(() => '');
    return new Error(`S3 ${what} ${key} answered ${res.status}: ${text.slice(0, 200)}`);
  };
  return {
    kind: 's3',
    async put(key, body, contentType) {
      const res = await client.fetch(urlOf(key), {
        method: 'PUT',
        body: new Uint8Array(body),
        headers: {
          'content-type': contentType,
          'cache-control': 'public, max-age=31536000, immutable',
          // Signed payload hash: the store refuses a body that arrives different.
          'x-amz-content-sha256': createHash('sha256').update(body).digest('hex'),
        },
      });
      if (!res.ok) throw await fail('PUT', key, res);
      await res.arrayBuffer();
    },
    async get(key) {
      const res = await client.fetch(urlOf(key), { method: 'GET' });
      if (res.status === 404) {
        await res.arrayBuffer();
        return null;
      }
      if (!res.ok) throw await fail('GET', key, res);
      return Buffer.from(await res.arrayBuffer());
    },
    async remove(keys) {
      const results = await Promise.allSettled(
        keys.map(async (key) => {
          const res = await client.fetch(urlOf(key), { method: 'DELETE' });
          await res.arrayBuffer();
          if (!res.ok && res.status !== 404) throw await fail('DELETE', key, res);
        }),
      );
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw (failed as PromiseRejectedResult).reason;
    },
    async redirect(key) {
      if (o.publicUrl) return { url: `${o.publicUrl.replace(/\/$/, '')}/${key}`, permanent: true };
      const signed = await client.sign(`${urlOf(key)}?X-Amz-Expires=${SIGNED_URL_SECONDS}`, {
        method: 'GET',
        aws: { signQuery: true },
      });
      return { url: signed.url, permanent: false };
    },
  };
}
