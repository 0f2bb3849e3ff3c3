-- Public sites: which tenant and site answers a request. A request names its site by its Host
-- header (a custom domain) or by the tenant's slug in /sites/<tenant-slug>[~<site-handle>]/, before
-- any tenant is known, so the lookup has to see across tenants. These two functions are the only
-- cross-tenant door the sites module gets (decision 0009): they answer one row for one exact key,
-- return ids and public names only, and only for active tenants. Everything after runs in a normal
-- tenant transaction under row-level security. They run as their owner, the migration role, which
-- is a superuser or BYPASSRLS (as backups need).

create function cms.site_by_host(p_host text)
returns table (tenant_id uuid, site_id uuid, tenant_slug text, site_handle text, is_primary boolean, host text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp
  as $$
    select s.tenant_id, s.id, t.slug, s.handle, s.is_primary, d.host::text
    from cms.domains d
    join cms.sites s on s.tenant_id = d.tenant_id and s.id = d.site_id
    join identity.tenants t on t.id = s.tenant_id and t.status = 'active'
    -- the exact Host first (a domain may carry a port), then the Host without its port
    -- (citext's operator named by schema: this search_path leaves public out)
    where d.host operator(public.=) lower(p_host)::public.citext
       or d.host operator(public.=) split_part(lower(p_host), ':', 1)::public.citext
    order by d.host::text = lower(p_host) desc
    limit 1
  $$;

-- p_handle null: the tenant's primary site.
create function cms.site_by_slug(p_tenant_slug text, p_handle text)
returns table (tenant_id uuid, site_id uuid, tenant_slug text, site_handle text, is_primary boolean, host text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp
  as $$
    select s.tenant_id, s.id, t.slug, s.handle, s.is_primary,
      (select d.host::text from cms.domains d where d.tenant_id = s.tenant_id and d.site_id = s.id
        order by d.created_at, d.id limit 1)
    from identity.tenants t
    join cms.sites s on s.tenant_id = t.id
    where t.slug = p_tenant_slug and t.status = 'active'
      and (case when p_handle is null then s.is_primary else s.handle = p_handle end)
    limit 1
  $$;

revoke all on function cms.site_by_host(text) from public;
revoke all on function cms.site_by_slug(text, text) from public;
grant execute on function cms.site_by_host(text) to bizosaas_app;
grant execute on function cms.site_by_slug(text, text) to bizosaas_app;

-- A site named by its ids (the preview route, after verifying a signed token that names the tenant).
create function cms.site_by_id(p_tenant_id uuid, p_site_id uuid)
returns table (tenant_id uuid, site_id uuid, tenant_slug text, site_handle text, is_primary boolean, host text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp
  as $$
    select s.tenant_id, s.id, t.slug, s.handle, s.is_primary,
      (select d.host::text from cms.domains d where d.tenant_id = s.tenant_id and d.site_id = s.id
        order by d.created_at, d.id limit 1)
    from identity.tenants t
    join cms.sites s on s.tenant_id = t.id
    where t.id = p_tenant_id and s.id = p_site_id and t.status = 'active'
  $$;
revoke all on function cms.site_by_id(uuid, uuid) from public;
grant execute on function cms.site_by_id(uuid, uuid) to bizosaas_app;
