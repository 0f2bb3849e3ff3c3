import pg from 'pg';
import { hashPassword } from '../../src/modules/identity/passwords.js';
import { uuidv7 } from '../../src/platform/ids.js';
import { progress, progressDone } from '../lib/progress.js';
import type { BenchContext, Scenario } from './scenario.js';

const CONTACTS = Number(process.env.BENCH_CRM_CONTACTS ?? 1_000_000);
const TENANTS = Number(process.env.BENCH_CRM_TENANTS ?? 1_000);

/**
 * Issue 5's list benchmark: CONTACTS contacts spread over TENANTS tenants (seeded in SQL on the
 * owner connection), then one tenant's filtered and searched list of 20 through the hub
 * (Bearer token, tenant transaction, RLS, the list engine) at 50 connections.
 */
async function seed(ctx: BenchContext): Promise<string> {
  const c = new pg.Client({ connectionString: ctx.ownerUrl });
  await c.connect();
  try {
    const t = Date.now();
    progress(`(crm) seeding ${TENANTS.toLocaleString('en-US')} tenants`);
    await c.query(
      `insert into identity.tenants (id, slug, name, kind)
       select gen_random_uuid(), 'crm-bench-' || i, 'CRM bench ' || i, 'business' from generate_series(1, $1) i`,
      [TENANTS],
    );
    const perTenant = Math.ceil(CONTACTS / TENANTS);
    const { rows } = await c.query(
      `select id from identity.tenants where slug like 'crm-bench-%' order by slug`,
    );
    const first = ['Ann', 'Anna', 'Bob', 'Carla', 'Dev', 'Eli', 'Fay', 'Gus', 'Hana', 'Ivo'];
    const last = ['Smith', 'Lee', 'Garcia', 'Khan', 'Novak', 'Rossi', 'Mbeki', 'Tanaka', 'Silva', 'Berg'];
    // Batches of tenants per statement keep each insert's WAL and memory bounded.
    for (let i = 0; i < rows.length; i += 50) {
      const ids = rows.slice(i, i + 50).map((r) => r.id as string);
      await c.query(
        `insert into crm.contacts (tenant_id, id, first_name, last_name, emails, job_title, source, tags, custom, created_at)
         select t.id, gen_random_uuid(),
           ($3::text[])[1 + (n % 10)], ($4::text[])[1 + ((n / 10) % 10)],
           array['person' || n || '@' || replace(t.id::text, '-', '') || '.example']::citext[],
           case when n % 7 = 0 then 'Director of Sales' else 'Engineer' end,
           case when n % 3 = 0 then 'webinar' else 'website' end,
           case when n % 5 = 0 then array['vip'] else array['lead'] end,
           jsonb_build_object('tier', case when n % 4 = 0 then 'gold' else 'silver' end),
           now() - make_interval(mins => n)
         from unnest($1::uuid[]) t(id), generate_series(1, $2) n`,
        [ids, perTenant, first, last],
      );
      progress(
        `(crm) seeding contacts: ${Math.min(rows.length, i + 50) * perTenant} of ${CONTACTS}  ${((Date.now() - t) / 1000).toFixed(0)} s`,
      );
    }
    await c.query(
      `insert into crm.custom_fields (tenant_id, id, entity, key, label, type, options)
       select id, gen_random_uuid(), 'contact', 'tier', 'Tier', 'select', array['gold', 'silver']
       from identity.tenants where slug like 'crm-bench-%'`,
    );
    await c.query('analyze crm.contacts');
    progressDone();
    process.stderr.write(
      `(crm) seeded ${CONTACTS.toLocaleString('en-US')} contacts over ${TENANTS} tenants in ${((Date.now() - t) / 1000).toFixed(1)} s\n`,
    );
    // A viewer of one of them signs in like any user.
    const tenantId = rows[Math.floor(rows.length / 2)]!.id as string;
    const email = `crm-bench-${Date.now()}@example.com`;
    const userId = uuidv7();
    await c.query(
      `insert into identity.users (id, email, name, password_hash, email_verified_at) values ($1, $2, 'CRM Bench', $3, now())`,
      [userId, email, await hashPassword('crm-bench-password-2026')],
    );
    await c.query(
      `insert into identity.memberships (tenant_id, id, user_id, role) values ($1, $2, $3, 'viewer')`,
      [tenantId, uuidv7(), userId],
    );
    return email;
  } finally {
    await c.end();
  }
}

export const crmContactsList: Scenario = {
  id: 'crm',
  name: 'crm contacts, filter+search',
  hitsHub: true,
  async setup(ctx) {
    if (CONTACTS <= 0) return { skip: 'BENCH_CRM_CONTACTS=0' };
    const email = await seed(ctx);
    const res = await fetch(`${ctx.hubUrl}/api/brain/auth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'password', username: email, password: 'crm-bench-password-2026' }),
    });
    if (!res.ok) throw new Error(`crm bench sign-in failed: ${res.status} ${await res.text()}`);
    const { access_token } = (await res.json()) as { access_token: string };
    const filter = encodeURIComponent(JSON.stringify({ tags: 'vip', 'custom.tier': 'gold' }));
    return {
      url: `${ctx.hubUrl}/api/brain/crm/contacts?q=ann&filter=${filter}&limit=20`,
      headers: { authorization: `Bearer ${access_token}` },
      connections: 50,
    };
  },
};
