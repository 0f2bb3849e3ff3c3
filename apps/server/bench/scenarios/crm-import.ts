import pg from 'pg';
import { hashPassword } from '../../src/modules/identity/passwords.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { progress, progressDone } from '../lib/progress.js';
import type { BenchContext, Measurement } from './scenario.js';

const ROWS = Number(process.env.BENCH_CRM_IMPORT_ROWS ?? 100_000);
const TARGET_S = 60;
const PASSWORD = 'crm-import-bench-password-2026';

/** An admin of a fresh tenant, created on the owner connection, signed in through the password grant. */
async function importer(ctx: BenchContext): Promise<string> {
  const c = new pg.Client({ connectionString: ctx.ownerUrl });
  await c.connect();
  const email = `crm-import-${Date.now()}@example.com`;
  try {
    const tenantId = uuidv7();
    const userId = uuidv7();
    await c.query(
      `insert into identity.tenants (id, slug, name, kind) values ($1, $2, 'CRM import bench', 'business')`,
      [tenantId, `crm-import-${Date.now()}`],
    );
    await c.query(
      `insert into identity.users (id, email, name, password_hash, email_verified_at) values ($1, $2, 'Importer', $3, now())`,
      [userId, email, await hashPassword(PASSWORD)],
    );
    await c.query(
      `insert into identity.memberships (tenant_id, id, user_id, role) values ($1, $2, $3, 'admin')`,
      [tenantId, uuidv7(), userId],
    );
  } finally {
    await c.end();
  }
  const res = await fetch(`${ctx.hubUrl}/api/brain/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: email, password: PASSWORD }),
  });
  if (!res.ok) throw new Error(`import bench sign-in failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

function csvOf(rows: number): string {
  const tiers = ['gold', 'silver', 'bronze'];
  const names = ['Anna', 'Ben', 'Carla', 'David', 'Emma', 'Felix', 'Greta', 'Hugo'];
  const lines = ['ID,First,Last,Email,Phone,Tags,Tier,Title'];
  for (let i = 0; i < rows; i++)
    lines.push(
      `x${i},${names[i % 8]},Surname${i},user${i}@bench${i % 50}.test,+49 30 ${1_000_000 + i},"${i % 10 ? 'lead' : 'vip'};bench",${tiers[i % 3]},Role ${i % 20}`,
    );
  return `${lines.join('\n')}\n`;
}

/**
 * Issue 5's import benchmark: a CSV of ROWS contacts (external id, names, e-mail, phone, tags, a
 * custom select, job title) uploaded to POST /imports/csv and run by the real import job in the
 * hub's worker; timed from the upload until the import reports `completed`.
 */
export const crmImport: Measurement = {
  id: 'crm-import',
  name: `crm import, ${ROWS.toLocaleString('en-US')} rows`,
  async run(ctx) {
    const token = await importer(ctx);
    const call = async (method: string, path: string, body?: string, type = 'application/json') => {
      const res = await fetch(`${ctx.hubUrl}/api/brain/crm${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': type } : {}) },
        body,
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<Record<string, unknown>>;
    };
    await call(
      'POST',
      '/custom-fields',
      JSON.stringify({
        entity: 'contact',
        key: 'tier',
        label: 'Tier',
        type: 'select',
        options: ['gold', 'silver', 'bronze'],
      }),
    );
    const csv = csvOf(ROWS);
    const mapping = {
      ID: 'externalId',
      First: 'firstName',
      Last: 'lastName',
      Email: 'emails',
      Phone: 'phones',
      Tags: 'tags',
      Tier: 'custom.tier',
      Title: 'jobTitle',
    };
    const qs = new URLSearchParams({
      entity: 'contact',
      filename: 'bench.csv',
      mapping: JSON.stringify(mapping),
    });
    const t0 = Date.now();
    const started = await call('POST', `/imports/csv?${qs}`, csv, 'text/csv');
    let s = started;
    while (s.status === 'queued' || s.status === 'running') {
      await new Promise((r) => setTimeout(r, 500));
      s = await call('GET', `/imports/${started.id}`);
      progress(
        `(crm-import) ${Number(s.processedRows).toLocaleString('en-US')} of ${ROWS.toLocaleString('en-US')} rows  ${((Date.now() - t0) / 1000).toFixed(0)} s`,
      );
    }
    progressDone();
    const seconds = (Date.now() - t0) / 1000;
    if (s.status !== 'completed') throw new Error(`import ended ${s.status}: ${JSON.stringify(s.errors)}`);
    const rate = Math.round(ROWS / seconds);
    return [
      `${ROWS.toLocaleString('en-US')} rows (${(csv.length / 1e6).toFixed(1)} MB) through the import job in ${seconds.toFixed(1)} s: ` +
        `${rate.toLocaleString('en-US')} rows/s; created ${s.createdRows}, updated ${s.updatedRows}, failed ${s.failedRows}` +
        `; target < ${TARGET_S} s: ${seconds < TARGET_S ? 'met' : 'MISSED'}`,
    ];
  },
};
