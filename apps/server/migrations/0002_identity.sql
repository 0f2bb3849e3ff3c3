-- Identity: users (global), memberships, invitations, API keys, audit log (tenant-owned),
-- sessions and refresh tokens, e-mail tokens, signing keys, external identities (system-owned).
create extension if not exists citext;

create table identity.users (
  id uuid primary key,
  email citext not null unique,
  name text not null check (length(name) between 1 and 200),
  password_hash text,
  email_verified_at timestamptz,
  is_operator boolean not null default false,
  status text not null default 'active' check (status in ('active', 'disabled')),
  settings jsonb not null default '{}',
  password_changed_at timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table identity.memberships (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  user_id uuid not null references identity.users (id) on delete cascade,
  role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
  -- 'agency': an agency's staff member given access to this client tenant through the parent link
  source text not null default 'direct' check (source in ('direct', 'agency')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, user_id)
);
create index memberships_user_idx on identity.memberships (user_id);
alter table identity.memberships enable row level security;
alter table identity.memberships force row level security;
create policy memberships_isolation on identity.memberships
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
grant select, insert, update, delete on identity.memberships to bizosaas_app;

-- Users are global; inside a tenant transaction the app sees only the tenant's members, and never
-- the password hash (column grants).
alter table identity.users enable row level security;
alter table identity.users force row level security;
create policy users_members_of_tenant on identity.users
  using (exists (select 1 from identity.memberships m where m.user_id = users.id));
grant select (id, email, name, email_verified_at, status, created_at) on identity.users to bizosaas_app;

create table identity.invitations (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  email citext not null,
  role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
  token_hash text not null,
  invited_by uuid references identity.users (id) on delete set null,
  expires_at timestamptz not null,
  accepted_at timestamptz,
  revoked_at timestamptz,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, token_hash)
);
create unique index invitations_open_email_idx on identity.invitations (tenant_id, email)
  where accepted_at is null and revoked_at is null;
alter table identity.invitations enable row level security;
alter table identity.invitations force row level security;
create policy invitations_isolation on identity.invitations
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
grant select, insert, update on identity.invitations to bizosaas_app;

create table identity.api_keys (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 100),
  prefix text not null,
  secret_hash text not null,
  scopes text[] not null,
  created_by uuid references identity.users (id) on delete set null,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  expires_at timestamptz,
  revoked_at timestamptz,
  primary key (tenant_id, id)
);
alter table identity.api_keys enable row level security;
alter table identity.api_keys force row level security;
create policy api_keys_isolation on identity.api_keys
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
grant select, insert, update (last_used_at, revoked_at, name) on identity.api_keys to bizosaas_app;

create table identity.audit_log (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  at timestamptz not null default now(),
  action text not null,
  actor_kind text not null,
  actor_id text,
  actor_email text,
  target_type text,
  target_id text,
  ip inet,
  user_agent text,
  data jsonb not null default '{}',
  primary key (tenant_id, id)
);
create index audit_log_at_idx on identity.audit_log (tenant_id, at desc, id desc);
create index audit_log_action_idx on identity.audit_log (tenant_id, action, at desc);
alter table identity.audit_log enable row level security;
alter table identity.audit_log force row level security;
create policy audit_log_isolation on identity.audit_log
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
-- Append-only: the app may add and read, never change or remove; a trigger stops the owner too.
grant select, insert on identity.audit_log to bizosaas_app;
create function identity.audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'identity.audit_log is append-only' using errcode = '42501';
end $$;
create trigger audit_log_append_only before update or delete on identity.audit_log
  for each row execute function identity.audit_log_append_only();

-- Sign-in sessions: one per device; its refresh tokens form one rotation family.
create table identity.sessions (
  id uuid primary key,
  user_id uuid not null references identity.users (id) on delete cascade,
  -- the tenant this session is working in now (sessions belong to users, not to tenants)
  active_tenant_id uuid references identity.tenants (id),
  kind text not null default 'password' check (kind in ('password', 'oidc', 'invitation')),
  ip inet,
  user_agent text,
  created_at timestamptz not null default now(),
  last_used_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_reason text
);
create index sessions_user_idx on identity.sessions (user_id) where revoked_at is null;

create table identity.refresh_tokens (
  token_hash text primary key,
  session_id uuid not null references identity.sessions (id) on delete cascade,
  created_at timestamptz not null default now(),
  used_at timestamptz
);
create index refresh_tokens_session_idx on identity.refresh_tokens (session_id);

create table identity.email_tokens (
  token_hash text primary key,
  user_id uuid not null references identity.users (id) on delete cascade,
  purpose text not null check (purpose in ('verify_email', 'reset_password')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);

create table identity.signing_keys (
  kid text primary key,
  alg text not null,
  public_jwk jsonb not null,
  private_jwk text not null,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);

create table identity.external_identities (
  provider text not null,
  subject text not null,
  user_id uuid not null references identity.users (id) on delete cascade,
  email citext,
  created_at timestamptz not null default now(),
  primary key (provider, subject)
);

-- A custom domain points at one tenant only.
create unique index tenants_custom_domain_idx on identity.tenants ((lower(settings->>'customDomain')))
  where settings ? 'customDomain';
