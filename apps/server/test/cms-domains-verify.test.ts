import dgram from 'node:dgram';
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOMAIN_RECHECK_TASK } from '../src/modules/cms/content/content.tasks.js';
import { expectProblem } from './auth-helpers.js';
import {
  type CmsUser,
  cmsUser,
  cmsViewer,
  expectField,
  makeSite,
  ok,
  q,
  uniq,
} from './cms-content-fixtures.js';
import { buildTestApp } from './helpers.js';
import { addPage, eventually, get } from './sites-fixtures.js';

/**
 * A small authoritative DNS server on loopback (UDP): it parses the question and answers TXT
 * records from `zone`, NOERROR without answers for names in `empty`, NXDOMAIN otherwise.
 */
const zone = new Map<string, string[]>();
const empty = new Set<string>();
const queries: string[] = [];

function answer(msg: Buffer): Buffer | null {
  if (msg.length < 17 || msg.readUInt16BE(4) < 1) return null;
  const labels: string[] = [];
  let i = 12;
  for (let len = msg[i]!; len > 0; len = msg[i]!) {
    if (len > 63 || i + 1 + len >= msg.length) return null;
    labels.push(msg.toString('latin1', i + 1, i + 1 + len));
    i += 1 + len;
  }
  const qEnd = i + 5; // the zero label, QTYPE, QCLASS
  if (qEnd > msg.length) return null;
  const qtype = msg.readUInt16BE(i + 1);
  const name = labels.join('.').toLowerCase();
  queries.push(name);
  const records = qtype === 16 ? (zone.get(name) ?? []) : [];
  const known = zone.has(name) || empty.has(name);
  const header = Buffer.alloc(12);
  header.writeUInt16BE(msg.readUInt16BE(0), 0); // id
  header.writeUInt16BE(0x8400 | (msg.readUInt16BE(2) & 0x0100) | (known ? 0 : 3), 2); // QR AA RD, rcode
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(records.length, 6);
  const answers = records.map((text) => {
    const data = Buffer.from(text, 'utf8');
    const chunks: Buffer[] = [];
    for (let o = 0; o < data.length || o === 0; o += 255) {
      const part = data.subarray(o, o + 255);
      chunks.push(Buffer.from([part.length]), part);
    }
    const rdata = Buffer.concat(chunks);
    const rr = Buffer.alloc(12);
    rr.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question
    rr.writeUInt16BE(16, 2); // TXT
    rr.writeUInt16BE(1, 4); // IN
    rr.writeUInt32BE(60, 6); // TTL
    rr.writeUInt16BE(rdata.length, 10);
    return Buffer.concat([rr, rdata]);
  });
  return Buffer.concat([header, msg.subarray(12, qEnd), ...answers]);
}

const server = dgram.createSocket('udp4');
server.on('message', (msg, peer) => {
  const res = answer(msg);
  if (res) server.send(res, peer.port, peer.address);
});

let app: FastifyInstance;
let a: CmsUser;
let b: CmsUser;
let c: CmsUser;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  // No console build: a Host that names no site then gets a plain 404 (not the console's page).
  const noConsole = fs.mkdtempSync(path.join(os.tmpdir(), 'bizosaas-no-console-'));
  app = await buildTestApp({ DNS_SERVERS: `127.0.0.1:${port}` }, { consoleDir: noConsole });
  [a, b, c] = await Promise.all([cmsUser(app), cmsUser(app), cmsUser(app)]);
});
afterAll(async () => {
  await app?.close();
  server.close();
});

interface DomainJson {
  id: string;
  host: string;
  status: 'pending' | 'verified';
  verifiedAt: string | null;
  lastCheckedAt: string | null;
  lastError: string | null;
  verification: { type: 'TXT'; name: string; value: string };
  heldElsewhere?: boolean;
}

/** A site with a published home page, and a domain added to it through the API. */
async function siteWithDomain(u: CmsUser, host: string, title: string) {
  const site = await makeSite(u);
  await addPage(app, u.tenantId, site.id, { path: '/', title });
  const domain = ok<DomainJson>(await u.api('POST', `/sites/${site.id}/domains`, { host }), 201);
  return { siteId: site.id, domain };
}

const publish = (d: DomainJson) => zone.set(d.verification.name, [d.verification.value]);
const verify = (u: CmsUser, siteId: string, domainId: string) =>
  u.api('POST', `/sites/${siteId}/domains/${domainId}/verify`);
const home = (host: string) => get(app, '/', { host });

describe('custom domain verification by DNS TXT record', () => {
  it('a pending domain is not served; without the record verify answers 422 and stores why; with it the site answers', async () => {
    const host = `www.${uniq('alpha')}.example`;
    const { siteId, domain } = await siteWithDomain(a, host, 'Alpha home');
    expect(domain).toMatchObject({
      host,
      status: 'pending',
      verifiedAt: null,
      lastCheckedAt: null,
      lastError: null,
      verification: { type: 'TXT', name: `_bizosaas-challenge.${host}` },
    });
    expect(domain.verification.value).toMatch(/^bizosaas-site-verification=[A-Za-z0-9_-]{32}$/);

    const pending = await home(host);
    expect(pending.statusCode).toBe(404);
    expect(pending.body).not.toContain('Alpha home');

    // No such name: the detail names the record expected and what DNS said.
    const missing = expectProblem(await verify(a, siteId, domain.id), 422, 'CMS.DOMAIN_NOT_VERIFIED');
    expect(missing.detail).toContain(`TXT record ${domain.verification.name}`);
    expect(missing.detail).toContain(domain.verification.value);
    expect(missing.detail).toContain('found: none (ENOTFOUND');
    const stored = ok<{ domains: DomainJson[] }>(await a.api('GET', `/sites/${siteId}`)).domains[0]!;
    expect(stored.status).toBe('pending');
    expect(stored.lastCheckedAt).not.toBeNull();
    expect(stored.lastError).toBe(missing.detail);

    // A record with another value: the values found are named.
    zone.set(domain.verification.name, ['bizosaas-site-verification=someone-else', 'v=spf1 -all']);
    const wrong = expectProblem(await verify(a, siteId, domain.id), 422, 'CMS.DOMAIN_NOT_VERIFIED');
    expect(wrong.detail).toContain('found: "bizosaas-site-verification=someone-else", "v=spf1 -all"');

    // The name exists without TXT records.
    zone.delete(domain.verification.name);
    empty.add(domain.verification.name);
    const none = expectProblem(await verify(a, siteId, domain.id), 422, 'CMS.DOMAIN_NOT_VERIFIED');
    expect(none.detail).toContain('found: none (ENODATA');
    expect((await home(host)).statusCode).toBe(404);

    zone.set(domain.verification.name, ['v=spf1 -all', domain.verification.value]);
    const done = ok<DomainJson>(await verify(a, siteId, domain.id));
    expect(done).toMatchObject({ id: domain.id, status: 'verified', lastError: null });
    expect(done.verifiedAt).not.toBeNull();
    const served = await home(host);
    expect(served.statusCode).toBe(200);
    expect(served.body).toContain('<title>Alpha home');
    // Verifying again is harmless, and does not ask DNS again.
    const asked = queries.length;
    expect(ok<DomainJson>(await verify(a, siteId, domain.id)).verifiedAt).toBe(done.verifiedAt);
    expect(queries.length).toBe(asked);
  });

  it('asks for the record without the port of a host that has one', async () => {
    const host = `shop.${uniq('port')}.example:8443`;
    const { siteId, domain } = await siteWithDomain(a, host, 'Port home');
    expect(domain.verification.name).toBe(`_bizosaas-challenge.${host.replace(/:8443$/, '')}`);
    publish(domain);
    expect(ok<DomainJson>(await verify(a, siteId, domain.id)).status).toBe('verified');
    expect((await home(host)).body).toContain('<title>Port home');
  });

  it('whoever proves control last holds the host: a domain that changes hands moves, and the former holder is told why', async () => {
    const host = `www.${uniq('shared')}.example`;
    const first = await siteWithDomain(a, host, 'Alpha shared');
    expect(first.domain).toMatchObject({ heldElsewhere: false });
    publish(first.domain);
    expect(ok<DomainJson>(await verify(a, first.siteId, first.domain.id)).status).toBe('verified');
    expect((await home(host)).body).toContain('Alpha shared');

    // B may add the host while A holds it; the answer says so, and nothing changes for A yet.
    const second = await siteWithDomain(b, host, 'Bravo shared');
    expect(second.domain).toMatchObject({ status: 'pending', heldElsewhere: true });
    expect(second.domain.verification.value).not.toBe(first.domain.verification.value);
    expectProblem(await verify(b, second.siteId, second.domain.id), 422, 'CMS.DOMAIN_NOT_VERIFIED');
    expect((await home(host)).body).toContain('Alpha shared');

    // The domain changes hands: its DNS now carries B's record. B verifies and the host is B's.
    publish(second.domain);
    expect(ok<DomainJson>(await verify(b, second.siteId, second.domain.id)).status).toBe('verified');
    await eventually(async () => (await home(host)).body.includes('Bravo shared'));
    const aDomain = ok<{ domains: DomainJson[] }>(await a.api('GET', `/sites/${first.siteId}`)).domains[0]!;
    expect(aDomain.status).toBe('pending');
    expect(aDomain.lastError).toContain('Another account proved control');
    const holders = await q<{ tenant_id: string }>(
      app,
      'select tenant_id from cms.domains where host = $1 and verified_at is not null',
      [host],
    );
    expect(holders).toEqual([{ tenant_id: b.tenantId }]);

    // Taking it back needs A's record in DNS again.
    expectProblem(await verify(a, first.siteId, first.domain.id), 422, 'CMS.DOMAIN_NOT_VERIFIED');
    zone.set(first.domain.verification.name, [first.domain.verification.value]);
    expect(ok<DomainJson>(await verify(a, first.siteId, first.domain.id)).status).toBe('verified');
    await eventually(async () => (await home(host)).body.includes('Alpha shared'));
  });

  it('the host cannot be released by a tenant that has not added it', async () => {
    const host = `www.${uniq('held')}.example`;
    const { siteId, domain } = await siteWithDomain(a, host, 'Alpha held');
    publish(domain);
    ok(await verify(a, siteId, domain.id));
    // The app role calling the release function directly, as tenant C, which has no such domain.
    const client = await app.hub.db.app.connect();
    try {
      await client.query('begin');
      await client.query(`select set_config('app.tenant_id', $1, true)`, [c.tenantId]);
      await expect(client.query('select cms.release_host($1)', [host])).rejects.toThrow(/no pending domain/);
    } finally {
      await client.query('rollback');
      client.release();
    }
    expect((await home(host)).body).toContain('Alpha held');
  });

  it("tenant B can neither verify nor see tenant A's domain; viewers may not verify; bad ids", async () => {
    const host = `www.${uniq('own')}.example`;
    const { siteId, domain } = await siteWithDomain(a, host, 'Alpha own');
    publish(domain);
    const bSite = await makeSite(b);
    expectProblem(await verify(b, siteId, domain.id), 404, 'CMS.SITE_NOT_FOUND');
    expectProblem(await verify(b, bSite.id, domain.id), 404, 'CMS.DOMAIN_NOT_FOUND');
    expect(JSON.stringify(ok(await b.api('GET', '/sites')))).not.toContain(host);
    const viewer = await cmsViewer(app);
    expectProblem(await verify(viewer, siteId, domain.id), 403, 'AUTH.FORBIDDEN');
    expectField(await verify(a, 'not-a-uuid', domain.id), 400, 'id');
    expectField(await verify(a, siteId, 'nope'), 400, 'domainId');
    expectProblem(await verify(a, siteId, crypto.randomUUID()), 404, 'CMS.DOMAIN_NOT_FOUND');
    expectProblem(await verify(a, crypto.randomUUID(), domain.id), 404, 'CMS.SITE_NOT_FOUND');
    // None of this verified it; its owner still can.
    expect((await home(host)).statusCode).toBe(404);
    expect(ok<DomainJson>(await verify(a, siteId, domain.id)).status).toBe('verified');
  });

  it('the periodic job verifies a pending domain once its record exists', async () => {
    const host = `www.${uniq('job')}.example`;
    const { siteId, domain } = await siteWithDomain(a, host, 'Alpha job');
    const task = app.hub.tasks.tasks.get(DOMAIN_RECHECK_TASK)!;
    expect(app.hub.tasks.crons.map((c) => c.task)).toContain(DOMAIN_RECHECK_TASK);
    const run = () =>
      task(app.hub.systemCtx(null, 'cron') as never, {} as never, { id: '0', attempts: 1, maxAttempts: 1 });
    const state = async () =>
      ok<{ domains: DomainJson[] }>(await a.api('GET', `/sites/${siteId}`)).domains.find(
        (d) => d.id === domain.id,
      )!;

    await run();
    expect((await state()).status).toBe('pending');
    expect((await state()).lastError).toContain('found: none');

    publish(domain);
    await run();
    expect((await state()).status).toBe('verified');
    // The job's change reaches the public site through the change notification.
    await eventually(async () => (await home(host)).body.includes('<title>Alpha job'));

    // Domains added more than 7 days ago are no longer checked.
    const old = await siteWithDomain(a, `www.${uniq('old')}.example`, 'Alpha old');
    publish(old.domain);
    await app.hub.db.admin.query(
      `update cms.domains set created_at = now() - interval '8 days' where id = $1`,
      [old.domain.id],
    );
    await run();
    const oldState = ok<{ domains: DomainJson[] }>(await a.api('GET', `/sites/${old.siteId}`)).domains[0]!;
    expect(oldState).toMatchObject({ status: 'pending', lastCheckedAt: null });

    // A suspended tenant's pending domains are not checked (its claim must not move a host).
    const idle = await cmsUser(app);
    const parked = await siteWithDomain(idle, `www.${uniq('parked')}.example`, 'Parked');
    publish(parked.domain);
    await app.hub.db.admin.query(`update identity.tenants set status = 'suspended' where id = $1`, [
      idle.tenantId,
    ]);
    await run();
    const parkedRow = await q<{ verified_at: string | null; last_checked_at: string | null }>(
      app,
      'select verified_at, last_checked_at from cms.domains where id = $1',
      [parked.domain.id],
    );
    expect(parkedRow).toEqual([{ verified_at: null, last_checked_at: null }]);
  });

  it('the periodic job does not take a host from its holder: with both records in DNS it would flip every run', async () => {
    const host = `www.${uniq('flip')}.example`;
    const first = await siteWithDomain(a, host, 'Alpha flip');
    publish(first.domain);
    ok(await verify(a, first.siteId, first.domain.id));
    const second = await siteWithDomain(b, host, 'Bravo flip');
    // B's record is added beside A's (A's is not removed), and B verifies: B holds the host.
    zone.set(first.domain.verification.name, [
      first.domain.verification.value,
      second.domain.verification.value,
    ]);
    expect(ok<DomainJson>(await verify(b, second.siteId, second.domain.id)).status).toBe('verified');
    const task = app.hub.tasks.tasks.get(DOMAIN_RECHECK_TASK)!;
    await task(app.hub.systemCtx(null, 'cron') as never, {} as never, {
      id: '0',
      attempts: 1,
      maxAttempts: 1,
    });
    const holders = await q<{ tenant_id: string }>(
      app,
      'select tenant_id from cms.domains where host = $1 and verified_at is not null',
      [host],
    );
    expect(holders).toEqual([{ tenant_id: b.tenantId }]);
  });
});
