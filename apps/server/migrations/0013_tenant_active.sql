-- Public files (media) are served by tenant id before any tenant transaction, like the public sites
-- (decision 0009): this narrow function answers one question across tenants, whether a tenant is
-- active, so that a suspended tenant's files stop being served. It runs as its owner.
create function identity.tenant_is_active(p_tenant_id uuid)
returns boolean
  language sql stable security definer
  set search_path = pg_catalog, pg_temp
  as $$
    select exists (select 1 from identity.tenants where id = p_tenant_id and status = 'active')
  $$;
revoke all on function identity.tenant_is_active(uuid) from public;
grant execute on function identity.tenant_is_active(uuid) to bizosaas_app;
