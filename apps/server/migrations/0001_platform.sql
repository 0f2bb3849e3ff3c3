-- Platform foundation: tenants, durable workflows, mail outbox, the tenant-checked job entry point.
-- Rule: every tenant-owned table has tenant_id, a (tenant_id, id) primary key, foreign keys that
-- include tenant_id, and row-level security ENABLED and FORCED on platform.current_tenant().

create schema if not exists platform;
create schema if not exists identity;
grant usage on schema platform, identity to bizosaas_app;

-- The tenant of the current transaction, as set by withTenant() with set_config(..., true).
create function platform.current_tenant() returns uuid
  language sql stable parallel safe
  as $$ select nullif(current_setting('app.tenant_id', true), '')::uuid $$;
grant execute on function platform.current_tenant() to bizosaas_app;

create table identity.tenants (
  id uuid primary key,
  parent_id uuid references identity.tenants (id),
  slug text not null unique check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  name text not null check (length(name) between 1 and 200),
  kind text not null check (kind in ('platform', 'agency', 'business')),
  status text not null default 'active' check (status in ('active', 'suspended')),
  settings jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check (parent_id is distinct from id)
);
create index tenants_parent_idx on identity.tenants (parent_id);
alter table identity.tenants enable row level security;
alter table identity.tenants force row level security;
-- A tenant sees itself and its clients; it changes only itself.
create policy tenants_isolation on identity.tenants
  using (id = platform.current_tenant() or parent_id = platform.current_tenant())
  with check (id = platform.current_tenant());
grant select, update (name, settings, updated_at) on identity.tenants to bizosaas_app;

create table platform.workflow_runs (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  workflow text not null,
  key text,
  status text not null default 'pending'
    check (status in ('pending', 'running', 'completed', 'failed', 'cancelled')),
  input jsonb not null default '{}',
  output jsonb,
  error text,
  attempts integer not null default 0,
  lease_owner text,
  lease_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id),
  unique (tenant_id, workflow, key)
);
create index workflow_runs_stale_idx on platform.workflow_runs (lease_until)
  where status in ('pending', 'running');
alter table platform.workflow_runs enable row level security;
alter table platform.workflow_runs force row level security;
create policy workflow_runs_isolation on platform.workflow_runs
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
grant select, insert, update on platform.workflow_runs to bizosaas_app;

create table platform.workflow_steps (
  tenant_id uuid not null,
  run_id uuid not null,
  step text not null,
  seq integer not null,
  result jsonb,
  finished_at timestamptz not null default now(),
  primary key (tenant_id, run_id, step),
  foreign key (tenant_id, run_id) references platform.workflow_runs (tenant_id, id) on delete cascade
);
alter table platform.workflow_steps enable row level security;
alter table platform.workflow_steps force row level security;
create policy workflow_steps_isolation on platform.workflow_steps
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
grant select, insert on platform.workflow_steps to bizosaas_app;

-- Mail that was not sent through SMTP (none configured) is kept here for operators to read.
create table platform.mail_outbox (
  id uuid primary key,
  to_address text not null,
  from_address text not null,
  subject text not null,
  text_body text not null,
  html_body text,
  transport text not null check (transport in ('smtp', 'outbox')),
  message_id text,
  created_at timestamptz not null default now()
);
create index mail_outbox_to_idx on platform.mail_outbox (lower(to_address), created_at desc);

-- Jobs enter graphile-worker only through this function: it stamps the payload with the
-- transaction's tenant and scopes job keys by tenant, so a tenant cannot enqueue work for
-- another one or replace another tenant's keyed job. The app role gets no rights on the
-- graphile_worker schema itself.
create function platform.add_job(
  identifier text,
  payload jsonb default '{}',
  run_at timestamptz default null,
  max_attempts integer default null,
  job_key text default null,
  queue_name text default null,
  priority integer default null
) returns bigint
  language plpgsql volatile security definer
  set search_path = pg_catalog, pg_temp
  as $$
declare
  v_tenant uuid := platform.current_tenant();
  v_job graphile_worker._private_jobs;
begin
  if v_tenant is null then
    raise exception 'platform.add_job needs a tenant transaction' using errcode = '42501';
  end if;
  select * into v_job from graphile_worker.add_job(
    identifier,
    (coalesce(payload, '{}'::jsonb) || jsonb_build_object('tenantId', v_tenant))::json,
    queue_name => case when queue_name is null then null else v_tenant::text || ':' || queue_name end,
    run_at => run_at,
    max_attempts => max_attempts,
    job_key => case when job_key is null then null else v_tenant::text || ':' || job_key end,
    priority => priority
  );
  return v_job.id;
end $$;
revoke all on function platform.add_job from public;
grant execute on function platform.add_job to bizosaas_app;
