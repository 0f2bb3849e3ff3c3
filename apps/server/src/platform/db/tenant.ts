import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { PgDialect } from 'drizzle-orm/pg-core';
import type pg from 'pg';
import type { Ctx, TenantCtx } from '../context.js';
import { AppError } from '../errors.js';
import { UUID_RE } from '../ids.js';

/** A transaction: its connection, and Drizzle's query builder on it when a module wants one. */
export interface Tx {
  readonly $client: pg.PoolClient;
  readonly orm: NodePgDatabase<Record<string, never>>;
}

function makeTx(client: pg.PoolClient): Tx {
  let orm: NodePgDatabase<Record<string, never>> | undefined;
  return {
    $client: client,
    get orm() {
      orm ??= drizzle(client);
      return orm;
    },
  };
}

const dialect = new PgDialect();

/**
 * Runs a Drizzle `sql` template on the transaction's connection. Values are always bound as
 * parameters; results use the driver's type parsers (timestamps as ISO 8601 strings).
 */
export function exec<T extends pg.QueryResultRow = Record<string, unknown>>(
  tx: Tx,
  query: SQL,
): Promise<pg.QueryResult<T>> {
  const { sql, params } = dialect.sqlToQuery(query);
  return tx.$client.query<T>(sql, params as unknown[]);
}

/**
 * The one way to run tenant queries: a transaction on the app role's pool whose first statement
 * sets `app.tenant_id` transaction-locally, so row-level security sees only that tenant and the
 * setting dies with the transaction (a pooled connection never carries it into the next request).
 * Nested calls reuse the transaction already in the context.
 */
export async function withTenant<T>(ctx: Ctx, fn: (ctx: TenantCtx) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx as TenantCtx);
  const tenantId = ctx.tenantId;
  if (!tenantId || !UUID_RE.test(tenantId)) {
    throw new AppError('PLATFORM.TENANT_REQUIRED', 400, 'This operation needs a tenant');
  }
  // One round trip: BEGIN and the tenant setting travel together (the id is a checked UUID).
  return transaction(ctx.db.app, `begin; select set_config('app.tenant_id', '${tenantId}', true)`, (tx) =>
    fn({ ...ctx, tenantId, tx }),
  );
}

/**
 * Cross-tenant system work (operators, the job runner, sign-in lookups) on the owner pool.
 * Use sparingly and never with input that chooses the tenant for you.
 */
export function withSystem<T>(ctx: Pick<Ctx, 'db'>, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return transaction(ctx.db.admin, 'begin', fn);
}

/** BEGIN (with whatever travels with it), fn, COMMIT; ROLLBACK on error; a broken connection is discarded. */
async function transaction<T>(pool: pg.Pool, begin: string, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query(begin);
    const result = await fn(makeTx(client));
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => {
      broken = true;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}
