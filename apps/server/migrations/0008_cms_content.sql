-- Scheduled publishing cancels its keyed jobs: the mirror of platform.add_job for removal. It
-- scopes the key by the transaction's tenant exactly as add_job does, so a tenant can only
-- remove its own keyed jobs. (The scheduled task re-checks the page's schedule anyway, so a job
-- that slips through removal does nothing.)
create function platform.remove_job(job_key text) returns void
  language plpgsql volatile security definer
  set search_path = pg_catalog, pg_temp
  as $$
declare
  v_tenant uuid := platform.current_tenant();
begin
  if v_tenant is null then
    raise exception 'platform.remove_job needs a tenant transaction' using errcode = '42501';
  end if;
  perform graphile_worker.remove_job(v_tenant::text || ':' || job_key);
end $$;
revoke all on function platform.remove_job from public;
grant execute on function platform.remove_job to bizosaas_app;
