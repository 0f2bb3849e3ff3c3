-- A custom domain changes hands (decision 0011): whoever proves control of a host by DNS last holds
-- it. When a tenant's TXT record for a host is found, the verifying transaction calls this function
-- to release the host from any other tenant that had verified it: their domain goes back to pending
-- with the reason, and their site is told (cms_site_changed, delivered on commit). It runs as its
-- owner because it writes another tenant's row; it only ever releases a host that the calling tenant
-- (app.tenant_id) has pending itself, and the app calls it only after the DNS proof.
create function cms.release_host(p_host text)
returns integer
  language plpgsql volatile security definer
  set search_path = pg_catalog, pg_temp
  as $$
  declare
    me uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
    r record;
    n integer := 0;
  begin
    if me is null or not exists (
      select 1 from cms.domains
      where tenant_id = me and host operator(public.=) p_host::public.citext and verified_at is null
    ) then
      raise exception 'cms.release_host: the calling tenant has no pending domain %', p_host
        using errcode = '42501';
    end if;
    for r in
      update cms.domains
        set verified_at = null, last_checked_at = now(),
            last_error = format('Another account proved control of %s by DNS on %s. Publish this '
              'domain''s TXT record again and verify to take it back.', host, to_char(now(), 'YYYY-MM-DD'))
        where host operator(public.=) p_host::public.citext and tenant_id <> me and verified_at is not null
        returning tenant_id, site_id
    loop
      perform pg_notify('cms_site_changed', r.tenant_id::text || ':' || r.site_id::text);
      n := n + 1;
    end loop;
    return n;
  end
  $$;
revoke all on function cms.release_host(text) from public;
grant execute on function cms.release_host(text) to bizosaas_app;
