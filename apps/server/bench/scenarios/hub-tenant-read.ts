import pg from 'pg';
import { hashPassword } from '../../src/modules/identity/passwords.js';
import { uuidv7 } from '../../src/platform/ids.js';
import type { BenchContext, Scenario } from './scenario.js';

export const TENANT_READ_PATH = '/api/brain/platform/workflows/runs?limit=20';

/**
 * A viewer of the target tenant, created on the owner connection, signs in once through the
 * OAuth2 password grant; the load then measures the read and the Bearer check, not hashing.
 */
async function tenantAuthHeaders(ctx: BenchContext): Promise<Record<string, string>> {
  const email = `bench-${Date.now()}@example.com`;
  const password = 'bench-password-not-common-2026';
  const client = new pg.Client({ connectionString: ctx.ownerUrl });
  await client.connect();
  try {
    const userId = uuidv7();
    await client.query(
      `insert into identity.users (id, email, name, password_hash, email_verified_at) values ($1, $2, 'Bench Viewer', $3, now())`,
      [userId, email, await hashPassword(password)],
    );
    await client.query(
      `insert into identity.memberships (tenant_id, id, user_id, role) values ($1, $2, $3, 'viewer')`,
      [ctx.data.tenantId, uuidv7(), userId],
    );
  } finally {
    await client.end();
  }
  const res = await fetch(`${ctx.hubUrl}/api/brain/auth/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: email, password, tenant_id: ctx.data.tenantId }),
  });
  if (!res.ok) throw new Error(`bench sign-in failed: ${res.status} ${await res.text()}`);
  const { access_token } = (await res.json()) as { access_token: string };
  return { authorization: `Bearer ${access_token}` };
}

/** The list in a response body, whatever the route wraps it in. */
function rowsOf(body: unknown): unknown[] | undefined {
  if (Array.isArray(body)) return body;
  if (body && typeof body === 'object') {
    for (const key of ['items', 'data', 'runs', 'rows']) {
      const v = (body as Record<string, unknown>)[key];
      if (Array.isArray(v)) return v;
    }
  }
  return undefined;
}

/**
 * (b) The same 20-row read as (c), through the hub's full stack: authentication, request context,
 * tenant transaction with set_config + row-level security, zod response serialisation, metrics.
 * Runs only when the probe answers 200 with the target tenant's 20 rows.
 */
export const hubTenantRead: Scenario = {
  id: 'b',
  name: 'hub tenant read, 20 rows',
  hitsHub: true,
  async setup(ctx) {
    const headers = await tenantAuthHeaders(ctx);
    const url = `${ctx.hubUrl}${TENANT_READ_PATH}`;
    const need = `needs route GET ${TENANT_READ_PATH} answering 200 with 20 rows for a signed-in tenant user`;
    const res = await fetch(url, { headers, signal: AbortSignal.timeout(5000) }).catch((err: Error) => err);
    if (res instanceof Error) return { skip: `${need} (probe failed: ${res.message})` };
    if (res.status !== 200) return { skip: `${need} (probe answered ${res.status})` };
    const rows = rowsOf(await res.json().catch(() => undefined));
    if (rows?.length !== 20)
      return { skip: `${need} (probe answered 200 with ${rows?.length ?? 'no'} rows)` };
    return { url, headers };
  },
};

/** (b10) The same read at 10 connections: the hub's latency when the machine is not saturated. */
export const hubTenantReadLight: Scenario = {
  id: 'b10',
  name: 'hub tenant read, 10 conns',
  hitsHub: true,
  async setup(ctx) {
    const target = await hubTenantRead.setup(ctx);
    return 'skip' in target ? target : { ...target, connections: 10 };
  },
};
