import type { Tenant, TenantKind } from '../modules/identity/index.js';
import { UUID_RE } from '../platform/ids.js';
import type { Command } from './command.js';
import { CliError, UsageError } from './errors.js';
import { formatTable, withDatabase } from './runtime.js';

const KINDS: TenantKind[] = ['platform', 'agency', 'business'];

export const tenantCreate: Command = {
  name: 'tenant create',
  args: '<name> [--slug <slug>] [--kind agency|business|platform] [--parent <slug|id>] [--json]',
  summary: 'create a tenant (an agency, or a business; --parent makes it a client of an agency)',
  options: {
    slug: { type: 'string' },
    kind: { type: 'string' },
    parent: { type: 'string' },
    json: { type: 'boolean' },
  },
  positionals: { min: 1, max: 1 },
  async run(ctx, [name], flags) {
    const kind = (flags.kind as TenantKind | undefined) ?? 'business';
    if (!KINDS.includes(kind)) throw new UsageError(`--kind must be one of ${KINDS.join(', ')}`, this.name);
    const { createTenant, findTenantBySlug } = await import('../modules/identity/index.js');
    const tenant = await withDatabase(ctx, async (db) => {
      let parentId: string | undefined;
      if (typeof flags.parent === 'string') {
        const parent = UUID_RE.test(flags.parent)
          ? { id: flags.parent }
          : await findTenantBySlug({ db }, flags.parent);
        if (!parent) throw new CliError(`--parent: no tenant with slug "${flags.parent}"`);
        parentId = parent.id;
      }
      return createTenant({ db }, { name: name!, slug: flags.slug as string | undefined, kind, parentId });
    });
    if (flags.json) ctx.out(JSON.stringify(tenant));
    else ctx.out(`created ${tenant.kind} tenant ${tenant.slug} (${tenant.id}): ${tenant.name}`);
  },
};

export const tenantList: Command = {
  name: 'tenant list',
  args: '[--search <text>] [--json]',
  summary: 'list tenants (agencies first, their clients after them)',
  options: { search: { type: 'string' }, json: { type: 'boolean' } },
  positionals: { min: 0, max: 0 },
  async run(ctx, _args, flags) {
    const { listTenants } = await import('../modules/identity/index.js');
    const tenants: Tenant[] = await withDatabase(ctx, (db) =>
      listTenants({ db }, { q: flags.search as string | undefined }),
    );
    if (flags.json) {
      ctx.out(JSON.stringify(tenants));
      return;
    }
    if (!tenants.length) {
      ctx.note('no tenants yet: `bizosaas tenant create <name>` or `bizosaas seed`');
      return;
    }
    const slugs = new Map(tenants.map((t) => [t.id, t.slug]));
    const rows = tenants.map((t) => [
      t.id,
      t.slug,
      t.kind,
      t.status,
      t.parentId ? (slugs.get(t.parentId) ?? t.parentId) : null,
      new Date(t.createdAt).toISOString().slice(0, 10),
      t.name,
    ]);
    for (const line of formatTable(['ID', 'SLUG', 'KIND', 'STATUS', 'PARENT', 'CREATED', 'NAME'], rows))
      ctx.out(line);
    ctx.note(`${tenants.length} tenant${tenants.length === 1 ? '' : 's'}`);
  },
};
