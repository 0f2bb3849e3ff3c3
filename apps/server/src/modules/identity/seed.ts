import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { hashPassword } from './passwords.js';
import { seedDemoTenants } from './tenants.service.js';

/** Who can sign in to the demo (password: DEMO_PASSWORD). */
export const DEMO_ACCOUNTS = [
  { email: 'operator@bizosaas.dev', name: 'Olivia Operator', what: 'platform operator (all tenants)' },
  { email: 'owner@bizoholic.dev', name: 'Alex Rivera', what: 'Bizoholic (agency) owner' },
  { email: 'staff@bizoholic.dev', name: 'Sam Patel', what: 'Bizoholic staff, with access to both clients' },
  { email: 'owner@coreldove.dev', name: 'Cora Lind', what: 'CorelDove (online store) owner' },
  { email: 'owner@harbordental.dev', name: 'Dr. Hana Park', what: 'Harbor Dental owner' },
] as const;

/** Idempotent: existing users and memberships are left as they are. */
export async function seedDemoIdentity(hub: Hub) {
  const { agency, store, dental } = await seedDemoTenants({ db: hub.db });
  const existing = await hub.db.admin.query(
    `select email::text as email from identity.users where email = any($1)`,
    [DEMO_ACCOUNTS.map((a) => a.email)],
  );
  const have = new Set(existing.rows.map((r) => r.email));
  const hash = have.size < DEMO_ACCOUNTS.length ? await hashPassword(hub.config.DEMO_PASSWORD) : '';
  const ids: Record<string, string> = {};
  for (const a of DEMO_ACCOUNTS) {
    const { rows } = await hub.db.admin.query(
      `insert into identity.users (id, email, name, password_hash, email_verified_at, is_operator, password_changed_at)
       values ($1, $2, $3, $4, now(), $5, now()) on conflict (email) do update set email = excluded.email returning id`,
      [uuidv7(), a.email, a.name, hash, a.email.startsWith('operator@')],
    );
    ids[a.email] = rows[0].id;
  }
  const members: [string, string, string, string][] = [
    [agency.id, 'owner@bizoholic.dev', 'owner', 'direct'],
    [agency.id, 'staff@bizoholic.dev', 'member', 'direct'],
    [store.id, 'staff@bizoholic.dev', 'admin', 'agency'],
    [dental.id, 'staff@bizoholic.dev', 'admin', 'agency'],
    [store.id, 'owner@coreldove.dev', 'owner', 'direct'],
    [dental.id, 'owner@harbordental.dev', 'owner', 'direct'],
  ];
  for (const [tenantId, email, role, source] of members) {
    await hub.db.admin.query(
      `insert into identity.memberships (tenant_id, id, user_id, role, source) values ($1, $2, $3, $4, $5)
       on conflict (tenant_id, user_id) do nothing`,
      [tenantId, uuidv7(), ids[email], role, source],
    );
  }
}
