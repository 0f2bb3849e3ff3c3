import { sql } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { exec, type Tx, withSystem } from '../../platform/db/tenant.js';
import { AppError } from '../../platform/errors.js';
import { uuidv7 } from '../../platform/ids.js';

export type TenantKind = 'platform' | 'agency' | 'business';

export type Tenant = {
  id: string;
  parentId: string | null;
  slug: string;
  name: string;
  kind: TenantKind;
  status: 'active' | 'suspended';
  createdAt: string;
};

const columns = sql`id, parent_id as "parentId", slug, name, kind, status, created_at as "createdAt"`;

export function slugify(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}

export type NewTenant = { name: string; slug?: string; kind?: TenantKind; parentId?: string | null };

/** Creating a tenant is system work: the new tenant has no transaction of its own yet. */
export function createTenant(ctx: Pick<Ctx, 'db'>, input: NewTenant): Promise<Tenant> {
  return withSystem(ctx, (tx) => insertTenant(tx, input));
}

/** The same, inside a system transaction the caller holds (e.g. sign-up: tenant, user and owner at once). */
export async function insertTenant(tx: Tx, input: NewTenant): Promise<Tenant> {
  const name = input.name.trim();
  if (!name) throw new AppError('IDENTITY.TENANT_NAME_REQUIRED', 400, 'name: must not be empty');
  const slug = input.slug ?? slugify(name);
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(slug)) {
    throw new AppError(
      'IDENTITY.TENANT_SLUG_INVALID',
      400,
      `slug: "${slug}" must be 1-63 lowercase letters, digits or dashes`,
    );
  }
  {
    if (input.parentId) {
      const parent = await exec<{ kind: string }>(
        tx,
        sql`select kind from identity.tenants where id = ${input.parentId}`,
      );
      if (!parent.rows[0])
        throw new AppError('IDENTITY.PARENT_TENANT_NOT_FOUND', 404, 'parentId: tenant not found');
      if (parent.rows[0].kind !== 'agency') {
        throw new AppError(
          'IDENTITY.PARENT_NOT_AGENCY',
          400,
          'parentId: only an agency tenant can have client tenants',
        );
      }
    }
    const { rows } = await exec<Tenant>(
      tx,
      sql`
      insert into identity.tenants (id, parent_id, slug, name, kind)
      values (${uuidv7()}, ${input.parentId ?? null}, ${slug}, ${name}, ${input.kind ?? 'business'})
      on conflict (slug) do nothing returning ${columns}`,
    );
    if (!rows[0]) throw new AppError('IDENTITY.TENANT_SLUG_TAKEN', 409, `slug: "${slug}" is already taken`);
    return rows[0];
  }
}

export async function listTenants(ctx: Pick<Ctx, 'db'>, filter: { q?: string; parentId?: string } = {}) {
  return withSystem(ctx, async (tx) => {
    const { rows } = await exec<Tenant>(
      tx,
      sql`select ${columns} from identity.tenants
      where (${filter.q ?? null}::text is null or name ilike '%' || ${filter.q ?? null} || '%' or slug ilike '%' || ${filter.q ?? null} || '%')
        and (${filter.parentId ?? null}::uuid is null or parent_id = ${filter.parentId ?? null})
      order by parent_id nulls first, name`,
    );
    return rows;
  });
}

export async function findTenantBySlug(ctx: Pick<Ctx, 'db'>, slug: string): Promise<Tenant | undefined> {
  return withSystem(ctx, async (tx) => {
    const { rows } = await exec<Tenant>(
      tx,
      sql`select ${columns} from identity.tenants where slug = ${slug}`,
    );
    return rows[0];
  });
}

/** The demo world seeded on first start: an agency and two of its clients. */
export async function seedDemoTenants(ctx: Pick<Ctx, 'db'>) {
  // Two processes may seed at once (hub start-up and the CLI): the loser of the race takes the winner's tenant.
  const ensure = async (name: string, slug: string, kind: TenantKind, parentId: string | null) =>
    (await findTenantBySlug(ctx, slug)) ??
    (await createTenant(ctx, { name, slug, kind, parentId }).catch(async (err) => {
      const found =
        err instanceof AppError && err.code === 'IDENTITY.TENANT_SLUG_TAKEN'
          ? await findTenantBySlug(ctx, slug)
          : undefined;
      if (!found) throw err;
      return found;
    }));
  const agency = await ensure('Bizoholic', 'bizoholic', 'agency', null);
  const store = await ensure('CorelDove', 'coreldove', 'business', agency.id);
  const dental = await ensure('Harbor Dental', 'harbor-dental', 'business', agency.id);
  return { agency, store, dental };
}

/**
 * Whether a tenant is active (not suspended, and exists), for public serving that runs before any
 * tenant is chosen (media files). On the app role, through the narrow SECURITY DEFINER function of
 * migration 0013; other modules call this instead of reading identity's tables.
 */
export async function tenantIsActive(ctx: Pick<Ctx, 'db'>, tenantId: string): Promise<boolean> {
  const { rows } = await ctx.db.app.query<{ active: boolean }>(
    'select identity.tenant_is_active($1) as active',
    [tenantId],
  );
  return rows[0]?.active === true;
}
