-- Custom domains are proven by DNS before a site answers on them (decision 0011). A tenant adds a
-- host and gets a TXT record to publish (_bizosaas-challenge.<host> = bizosaas-site-verification=
-- <token>); the hub looks it up and sets verified_at. Until then the domain is pending: the public
-- site does not answer on it, and any other tenant may add the same host too (the first to prove
-- control wins). So a host is unique among verified domains only, and once per tenant.

alter table cms.domains
  add column verification_token text,
  add column verified_at timestamptz,
  add column last_checked_at timestamptz,
  add column last_error text;

-- Existing domains keep answering: they count as verified, each with a random token for reference
-- (the app generates tokens itself; gen_random_uuid is cryptographically random and in core).
update cms.domains
  set verification_token = replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''),
      verified_at = created_at;

alter table cms.domains
  alter column verification_token set not null,
  add constraint domains_token_check check (length(verification_token) between 16 and 100);

-- One verified owner per host across all tenants (this index deliberately leaves tenant_id out,
-- as the one it replaces did); a tenant may not add the same host twice.
drop index cms.domains_host_idx;
create unique index domains_verified_host_idx on cms.domains (host) where verified_at is not null;
create unique index domains_tenant_host_idx on cms.domains (tenant_id, host);
-- The worker re-checks recent pending domains.
create index domains_pending_idx on cms.domains (created_at) where verified_at is null;

-- Same signatures, owner, security definer and search_path as in 0010; verified domains only.
create or replace function cms.site_by_host(p_host text)
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
    where d.verified_at is not null
      and (d.host operator(public.=) lower(p_host)::public.citext
        or d.host operator(public.=) split_part(lower(p_host), ':', 1)::public.citext)
    order by d.host::text = lower(p_host) desc
    limit 1
  $$;

-- p_handle null: the tenant's primary site. The canonical host: its oldest verified domain.
create or replace function cms.site_by_slug(p_tenant_slug text, p_handle text)
returns table (tenant_id uuid, site_id uuid, tenant_slug text, site_handle text, is_primary boolean, host text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp
  as $$
    select s.tenant_id, s.id, t.slug, s.handle, s.is_primary,
      (select d.host::text from cms.domains d
        where d.tenant_id = s.tenant_id and d.site_id = s.id and d.verified_at is not null
        order by d.created_at, d.id limit 1)
    from identity.tenants t
    join cms.sites s on s.tenant_id = t.id
    where t.slug = p_tenant_slug and t.status = 'active'
      and (case when p_handle is null then s.is_primary else s.handle = p_handle end)
    limit 1
  $$;

create or replace function cms.site_by_id(p_tenant_id uuid, p_site_id uuid)
returns table (tenant_id uuid, site_id uuid, tenant_slug text, site_handle text, is_primary boolean, host text)
  language sql stable security definer
  set search_path = pg_catalog, pg_temp
  as $$
    select s.tenant_id, s.id, t.slug, s.handle, s.is_primary,
      (select d.host::text from cms.domains d
        where d.tenant_id = s.tenant_id and d.site_id = s.id and d.verified_at is not null
        order by d.created_at, d.id limit 1)
    from identity.tenants t
    join cms.sites s on s.tenant_id = t.id
    where t.id = p_tenant_id and s.id = p_site_id and t.status = 'active'
  $$;

revoke all on function cms.site_by_host(text) from public;
revoke all on function cms.site_by_slug(text, text) from public;
revoke all on function cms.site_by_id(uuid, uuid) from public;
grant execute on function cms.site_by_host(text) to bizosaas_app;
grant execute on function cms.site_by_slug(text, text) to bizosaas_app;
grant execute on function cms.site_by_id(uuid, uuid) to bizosaas_app;
