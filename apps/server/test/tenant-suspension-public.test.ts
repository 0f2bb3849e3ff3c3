import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, createOperator, eventually, inject } from './auth-helpers.js';
import {
  type Media,
  type MediaUser,
  makePng,
  mediaHub,
  mediaUser,
  ok,
} from './fixtures/media/media-fixtures.js';

let app: FastifyInstance;
let mediaDir: string;
let a: MediaUser;
let b: MediaUser;
let operatorToken: string;
beforeAll(async () => {
  ({ app, mediaDir, owner: a } = await mediaHub());
  b = await mediaUser(app);
  operatorToken = (await createOperator(app)).token;
});
afterAll(async () => {
  await app?.close();
});

const operator = (tenantId: string, action: 'suspend' | 'reactivate') =>
  inject(app, {
    method: 'POST',
    url: `/api/brain/identity/operator/tenants/${tenantId}/${action}`,
    payload: {},
    headers: bearer(operatorToken),
  });
const status = async (url: string) => (await app.inject({ method: 'GET', url })).statusCode;

async function publishedHome(u: MediaUser) {
  const site = ok<{ id: string }>(
    await u.call('POST', '/api/brain/cms/sites', { name: 'Shop front', handle: 'front' }),
    201,
  );
  const page = ok<{ id: string }>(
    await u.call('POST', '/api/brain/cms/pages', { siteId: site.id, slug: '', title: 'Welcome' }),
    201,
  );
  ok(await u.call('POST', `/api/brain/cms/pages/${page.id}/publish`));
  const { rows } = await app.hub.db.admin.query('select slug from identity.tenants where id = $1', [
    u.tenantId,
  ]);
  return `/sites/${rows[0].slug}/`;
}

describe('a suspended tenant’s public face', () => {
  it('its media files and its site go dark at once (tenant-status NOTIFY), come back on reactivation, and other tenants are untouched', async () => {
    const mine = ok<Media>(await a.upload('logo.png', await makePng(64, 64)), 201);
    const theirs = ok<Media>(await b.upload('logo.png', await makePng(64, 64, '#27ae60')), 201);
    const home = await publishedHome(a);
    const files = [mine.url, mine.variants[0]?.url ?? mine.url];
    for (const url of [...files, home, theirs.url]) expect(await status(url), url).toBe(200);

    ok(await operator(a.tenantId, 'suspend'));
    // The answers were cached in this process; the tenant-status NOTIFY clears them.
    await eventually(async () => {
      for (const url of [...files, home]) expect(await status(url), url).toBe(404);
    });
    expect(await status(theirs.url)).toBe(200);

    ok(await operator(a.tenantId, 'reactivate'));
    await eventually(async () => {
      for (const url of [...files, home]) expect(await status(url), url).toBe(200);
    });
  });

  it('a file stored under a tenant that does not exist is not served', async () => {
    const mine = ok<Media>(await b.upload('x.png', await makePng(8, 8)), 201);
    expect(await status(mine.url)).toBe(200);
    // The same bytes on disk under an unknown tenant id: only the tenant check can refuse them.
    const ghost = '00000000-0000-4000-8000-000000000000';
    const from = path.join(mediaDir, mine.url.replace(/^\/media\//, ''));
    const to = path.join(mediaDir, mine.url.replace(/^\/media\//, '').replace(b.tenantId, ghost));
    fs.mkdirSync(path.dirname(to), { recursive: true });
    fs.copyFileSync(from, to);
    expect(await status(mine.url.replace(b.tenantId, ghost))).toBe(404);
  });
});
