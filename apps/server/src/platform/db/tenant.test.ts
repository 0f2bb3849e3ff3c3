import { sql } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestHub, createTestTenant } from '../../../test/helpers.js';
import type { Hub } from '../hub.js';
import { uuidv7 } from '../ids.js';
import { startWorkflow } from '../workflows/workflows.js';
import { APP_ROLE } from './pools.js';
import { exec, withTenant } from './tenant.js';

let hub: Hub;
let a: string;
let b: string;

beforeAll(async () => {
  hub = await buildTestHub();
  a = (await createTestTenant(hub)).id;
  b = (await createTestTenant(hub)).id;
  for (const tenantId of [a, b]) {
    await withTenant(hub.systemCtx(tenantId), async (ctx) => {
      await startWorkflow(ctx, 'test.noop', { n: 1 });
      await startWorkflow(ctx, 'test.noop', { n: 2 });
    });
  }
});
afterAll(() => hub.close());

describe('tenancy in the database', () => {
  it('every table with a tenant_id column has row-level security enabled, forced and a tenant policy', async () => {
    const { rows } = await hub.db.admin.query(`
      select n.nspname || '.' || c.relname as "table", c.relrowsecurity as enabled, c.relforcerowsecurity as forced,
        (select count(*) from pg_policy p where p.polrelid = c.oid
          and (pg_get_expr(p.polqual, p.polrelid) ~ 'current_tenant\\(\\)|app\\.tenant_id')) as policies
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p')
        and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker')
        and (exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)
             or (n.nspname = 'identity' and c.relname = 'tenants'))`);
    expect(rows.length).toBeGreaterThanOrEqual(3);
    const bad = rows.filter((r) => !r.enabled || !r.forced || Number(r.policies) < 1).map((r) => r.table);
    expect(bad, `tables without enabled+forced RLS and a tenant policy: ${bad.join(', ')}`).toEqual([]);
  });

  it('every tenant table keys and references by tenant_id', async () => {
    const { rows } = await hub.db.admin.query(`
      select n.nspname || '.' || c.relname as "table", con.contype as type, pg_get_constraintdef(con.oid) as def
      from pg_constraint con join pg_class c on c.oid = con.conrelid join pg_namespace n on n.oid = c.relnamespace
      where con.contype in ('p', 'f', 'u') and n.nspname not in ('pg_catalog', 'information_schema', 'graphile_worker')
        and exists (select 1 from pg_attribute a where a.attrelid = c.oid and a.attname = 'tenant_id' and not a.attisdropped)`);
    const bad = rows.filter((r) => {
      // The tenant itself and global (not tenant-owned) tables such as users are referenced by id.
      if (r.type === 'f' && /REFERENCES identity\.(tenants|users)\(id\)/.test(r.def)) return false;
      return !/^(PRIMARY KEY|UNIQUE|FOREIGN KEY) \(tenant_id\b/.test(r.def);
    });
    expect(bad.map((r) => `${r.table}: ${r.def}`)).toEqual([]);
  });

  it('the role requests run as is not superuser, not an owner and cannot bypass RLS', async () => {
    const c = await hub.db.app.connect();
    try {
      const { rows } = await c.query(`select current_user as name, r.rolsuper, r.rolbypassrls,
          (select count(*) from pg_class where relowner = r.oid)::int as owned,
          (select count(*) from pg_namespace where nspowner = r.oid)::int as owned_schemas
        from pg_roles r where r.rolname = current_user`);
      expect(rows[0]).toEqual({
        name: APP_ROLE,
        rolsuper: false,
        rolbypassrls: false,
        owned: 0,
        owned_schemas: 0,
      });
    } finally {
      c.release();
    }
  });

  it('a query outside a tenant transaction sees zero tenant rows', async () => {
    const direct = await hub.db.app.query('select count(*)::int as n from platform.workflow_runs');
    expect(direct.rows[0].n).toBe(0);
    const tenants = await hub.db.app.query('select count(*)::int as n from identity.tenants');
    expect(tenants.rows[0].n).toBe(0);
    // The owner sees them, so the zero above is RLS at work, not an empty table.
    const owner = await hub.db.admin.query(
      'select count(*)::int as n from platform.workflow_runs where tenant_id = any($1)',
      [[a, b]],
    );
    expect(owner.rows[0].n).toBe(4);
  });

  it('inside withTenant a tenant sees only its own rows and cannot write rows for another', async () => {
    const seen = await withTenant(hub.systemCtx(a), async ({ tx }) => {
      const { rows } = await exec<{ tenant_id: string }>(
        tx,
        sql`select tenant_id from platform.workflow_runs`,
      );
      return rows.map((r) => r.tenant_id);
    });
    expect(seen).toEqual([a, a]);
    await expect(
      withTenant(hub.systemCtx(a), ({ tx }) =>
        exec(
          tx,
          sql`insert into platform.workflow_runs (tenant_id, id, workflow) values (${b}, ${uuidv7()}, 'x')`,
        ),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await withTenant(hub.systemCtx(a), async ({ tx }) => {
      const r = await exec(
        tx,
        sql`update platform.workflow_runs set error = 'hijack' where tenant_id = ${b}`,
      );
      return r.rowCount;
    });
    expect(updated).toBe(0);
  });

  it('a pooled connection does not carry one tenant into the next use', async () => {
    const pool = new pg.Pool({ connectionString: hub.db.appUrl, max: 1 });
    const db = { ...hub.db, app: pool };
    try {
      const pid1 = await withTenant({ ...hub.systemCtx(a), db }, async ({ tx }) => {
        const { rows } = await exec<{ pid: number }>(tx, sql`select pg_backend_pid() as pid`);
        return rows[0]!.pid;
      });
      const after = await pool.query(
        `select pg_backend_pid() as pid, coalesce(current_setting('app.tenant_id', true), '') as tenant,
           (select count(*)::int from platform.workflow_runs) as n`,
      );
      expect(after.rows[0]).toEqual({ pid: pid1, tenant: '', n: 0 });
      const seenByB = await withTenant({ ...hub.systemCtx(b), db }, async ({ tx }) => {
        const { rows } = await exec<{ tenant_id: string }>(
          tx,
          sql`select distinct tenant_id from platform.workflow_runs`,
        );
        return rows.map((r) => r.tenant_id);
      });
      expect(seenByB).toEqual([b]);
    } finally {
      await pool.end();
    }
  });

  it('a failed tenant transaction rolls back and releases the connection clean', async () => {
    await expect(
      withTenant(hub.systemCtx(a), async (ctx) => {
        await startWorkflow(ctx, 'test.noop', { n: 3 });
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const n = await withTenant(hub.systemCtx(a), async ({ tx }) => {
      const { rows } = await exec<{ n: number }>(
        tx,
        sql`select count(*)::int as n from platform.workflow_runs`,
      );
      return rows[0]!.n;
    });
    expect(n).toBe(2);
  });

  it('refuses to run tenant work without a valid tenant id', async () => {
    await expect(withTenant(hub.systemCtx(null), async () => 1)).rejects.toMatchObject({
      code: 'PLATFORM.TENANT_REQUIRED',
    });
    await expect(withTenant(hub.systemCtx("x'; drop table x; --"), async () => 1)).rejects.toMatchObject({
      code: 'PLATFORM.TENANT_REQUIRED',
    });
  });

  it('jobs enqueued from a tenant transaction are stamped with that tenant and keyed per tenant', async () => {
    const payload = await withTenant(hub.systemCtx(a), async ({ tx }) => {
      const { rows } = await exec<{ id: string }>(
        tx,
        sql`select platform.add_job('test.task', ${JSON.stringify({ tenantId: b, x: 1 })}::jsonb, job_key => 'k1') as id`,
      );
      return rows[0]!.id;
    });
    const { rows } = await hub.db.admin.query(
      'select payload, key from graphile_worker._private_jobs where id = $1',
      [payload],
    );
    expect(rows[0].payload).toEqual({ tenantId: a, x: 1 });
    expect(rows[0].key).toBe(`${a}:k1`);
    await expect(hub.db.app.query(`select platform.add_job('test.task', '{}')`)).rejects.toThrow(
      /needs a tenant/,
    );
    await expect(hub.db.app.query('select * from graphile_worker._private_jobs')).rejects.toThrow(
      /permission denied/,
    );
  });
});
