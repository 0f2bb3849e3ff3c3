import { sql } from 'drizzle-orm';
import type { Role } from '../../platform/access.js';
import type { TenantCtx } from '../../platform/context.js';
import { exec, withTenant } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import type { Hub } from '../../platform/hub.js';
import { uuidv7 } from '../../platform/ids.js';
import { audit } from './audit.service.js';
import { memberChangedKey } from './authn.js';
import { createTenant, type Tenant } from './tenants.service.js';

export interface TenantSettings {
  logoUrl?: string;
  brandColor?: string;
  customDomain?: string;
}

export type TenantDetail = Tenant & {
  settings: TenantSettings;
};

const cols = sql`id, parent_id as "parentId", slug, name, kind, status, settings, created_at as "createdAt"`;

/** The active tenant (RLS shows a tenant itself and its clients). */
export async function currentTenant(ctx: TenantCtx): Promise<TenantDetail> {
  const { rows } = await exec<TenantDetail>(
    ctx.tx,
    sql`select ${cols} from identity.tenants where id = ${ctx.tenantId}`,
  );
  if (!rows[0]) throw new AppError('IDENTITY.TENANT_NOT_FOUND', 404, 'Tenant was not found');
  return rows[0];
}

export async function updateTenant(ctx: TenantCtx, patch: { name?: string; settings?: TenantSettings }) {
  const before = await currentTenant(ctx);
  const settings = { ...before.settings, ...(patch.settings ?? {}) };
  const { rows } = await exec<TenantDetail>(
    ctx.tx,
    sql`update identity.tenants
    set name = coalesce(${patch.name?.trim() ?? null}, name), settings = ${JSON.stringify(settings)}::jsonb, updated_at = now()
    where id = ${ctx.tenantId} returning ${cols}`,
  );
  await audit(ctx, 'tenant.updated', {
    targetType: 'tenant',
    targetId: ctx.tenantId,
    data: { name: patch.name, settings: patch.settings },
  });
  return rows[0]!;
}

export async function listClients(ctx: TenantCtx): Promise<Tenant[]> {
  const { rows } = await exec<Tenant>(
    ctx.tx,
    sql`select ${cols} from identity.tenants where parent_id = ${ctx.tenantId} order by name`,
  );
  return rows;
}

async function requireAgency(ctx: TenantCtx) {
  const t = await currentTenant(ctx);
  if (t.kind !== 'agency')
    throw new AppError('IDENTITY.NOT_AGENCY', 400, 'Only an agency tenant has client tenants');
  return t;
}

async function requireClient(ctx: TenantCtx, clientId: string) {
  const { rows } = await exec<Tenant>(
    ctx.tx,
    sql`select ${cols} from identity.tenants where id = ${clientId} and parent_id = ${ctx.tenantId}`,
  );
  if (!rows[0])
    throw new AppError('IDENTITY.CLIENT_NOT_FOUND', 404, `Client tenant ${clientId} was not found`);
  return rows[0];
}

/** An agency opens a client tenant; the staff member who opens it gets admin access to it. */
export async function createClient(ctx: TenantCtx, input: { name: string; slug?: string }) {
  await requireAgency(ctx);
  const client = await createTenant(ctx, {
    name: input.name,
    slug: input.slug,
    kind: 'business',
    parentId: ctx.tenantId,
  });
  if (ctx.actor.kind === 'user') {
    const userId = ctx.actor.userId;
    await withTenant({ ...ctx, tenantId: client.id, tx: undefined }, async (c) => {
      await exec(
        c.tx,
        sql`insert into identity.memberships (tenant_id, id, user_id, role, source)
        values (${client.id}, ${uuidv7()}, ${userId}, 'admin', 'agency')`,
      );
      await audit(c, 'tenant.created', {
        targetType: 'tenant',
        targetId: client.id,
        data: { agency: ctx.tenantId },
      });
    });
  }
  await audit(ctx, 'client.created', {
    targetType: 'tenant',
    targetId: client.id,
    data: { name: client.name },
  });
  return client;
}

/** Gives an agency staff member access to one client, through the parent link. */
export async function grantClientAccess(
  hub: Hub,
  ctx: TenantCtx,
  clientId: string,
  userId: string,
  role: Exclude<Role, 'owner'>,
) {
  await requireClient(ctx, clientId);
  const staff = await exec(ctx.tx, sql`select 1 from identity.memberships where user_id = ${userId}`);
  if (!staff.rows.length)
    throw new AppError('IDENTITY.NOT_AGENCY_STAFF', 400, 'userId: is not a member of this agency');
  await withTenant({ ...ctx, tenantId: clientId, tx: undefined }, async (c) => {
    const existing = await exec<{ source: string }>(
      c.tx,
      sql`select source from identity.memberships where user_id = ${userId}`,
    );
    if (existing.rows[0]?.source === 'direct') {
      throw new AppError('IDENTITY.ALREADY_MEMBER', 409, 'userId: is already a direct member of this client');
    }
    await exec(
      c.tx,
      sql`insert into identity.memberships (tenant_id, id, user_id, role, source)
      values (${clientId}, ${uuidv7()}, ${userId}, ${role}, 'agency')
      on conflict (tenant_id, user_id) do update set role = excluded.role, updated_at = now()`,
    );
    await audit(c, 'client_access.granted', {
      targetType: 'user',
      targetId: userId,
      data: { role, agency: ctx.tenantId },
    });
  });
  await audit(ctx, 'client_access.granted', {
    targetType: 'user',
    targetId: userId,
    data: { clientId, role },
  });
  await hub.cache.set(
    memberChangedKey(clientId, userId),
    String(Date.now() / 1000),
    hub.config.ACCESS_TOKEN_TTL_SECONDS,
  );
}

export async function withdrawClientAccess(hub: Hub, ctx: TenantCtx, clientId: string, userId: string) {
  await requireClient(ctx, clientId);
  const removed = await withTenant({ ...ctx, tenantId: clientId, tx: undefined }, async (c) => {
    const { rowCount } = await exec(
      c.tx,
      sql`delete from identity.memberships where user_id = ${userId} and source = 'agency'`,
    );
    if (rowCount)
      await audit(c, 'client_access.withdrawn', {
        targetType: 'user',
        targetId: userId,
        data: { agency: ctx.tenantId },
      });
    return rowCount ?? 0;
  });
  if (!removed)
    throw new AppError(
      'IDENTITY.ACCESS_NOT_FOUND',
      404,
      'This staff member has no agency access to that client',
    );
  await audit(ctx, 'client_access.withdrawn', { targetType: 'user', targetId: userId, data: { clientId } });
  await hub.cache.set(
    memberChangedKey(clientId, userId),
    String(Date.now() / 1000),
    hub.config.ACCESS_TOKEN_TTL_SECONDS,
  );
}
