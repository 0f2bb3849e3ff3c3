-- CRM: companies, contacts, leads, pipelines and deals, activities, custom fields, saved views,
-- lead capture forms, imports, lead scoring; and the platform's event outbox.
-- Every table is tenant-owned: (tenant_id, id) keys, tenant-scoped foreign keys, forced RLS.
create schema if not exists crm;
grant usage on schema crm to bizosaas_app;

-- array_to_string is only STABLE (it calls element output functions); for text arrays the result
-- cannot change, so this wrapper may feed generated search columns.
create function crm.join_text(text[]) returns text language sql immutable parallel safe
  as $$ select coalesce(array_to_string($1, ' '), '') $$;

-- Typed events written in the same transaction as the change that caused them; subscribers are
-- fed by jobs enqueued in that transaction too (platform/events.ts).
create table platform.events (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  type text not null,
  subject_type text,
  subject_id uuid,
  data jsonb not null default '{}',
  actor_id text,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index events_type_idx on platform.events (tenant_id, type, created_at desc);
alter table platform.events enable row level security;
alter table platform.events force row level security;
create policy events_isolation on platform.events
  using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant());
grant select, insert on platform.events to bizosaas_app;

create table crm.companies (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 300),
  domain citext,
  industry text,
  size text check (size in ('1-10', '11-50', '51-200', '201-1000', '1001-5000', '5000+')),
  phone text,
  address jsonb not null default '{}',
  tags text[] not null default '{}',
  owner_id uuid references identity.users (id) on delete set null,
  custom jsonb not null default '{}',
  external_id text,
  search tsvector generated always as (
    to_tsvector('simple', coalesce(name, '') || ' ' || coalesce(domain::text, '') || ' ' || coalesce(industry, ''))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, external_id)
);
create index companies_domain_idx on crm.companies (tenant_id, domain);
create index companies_search_idx on crm.companies using gin (search);
create index companies_created_idx on crm.companies (tenant_id, created_at desc, id desc);

create table crm.contacts (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  first_name text not null default '',
  last_name text not null default '',
  emails citext[] not null default '{}',
  phones text[] not null default '{}',
  job_title text,
  source text,
  tags text[] not null default '{}',
  owner_id uuid references identity.users (id) on delete set null,
  company_id uuid,
  address jsonb not null default '{}',
  custom jsonb not null default '{}',
  external_id text,
  search tsvector generated always as (
    to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
      || coalesce(job_title, '') || ' ' || crm.join_text(emails::text[]) || ' ' || crm.join_text(phones))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, external_id),
  foreign key (tenant_id, company_id) references crm.companies (tenant_id, id) on delete set null (company_id),
  check (first_name <> '' or last_name <> '' or cardinality(emails) > 0)
);
create index contacts_emails_idx on crm.contacts using gin (emails);
create index contacts_phones_idx on crm.contacts using gin (phones);
create index contacts_search_idx on crm.contacts using gin (search);
create index contacts_company_idx on crm.contacts (tenant_id, company_id);
create index contacts_created_idx on crm.contacts (tenant_id, created_at desc, id desc);
create index contacts_tags_idx on crm.contacts using gin (tags);

create table crm.pipelines (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  is_default boolean not null default false,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create unique index pipelines_default_idx on crm.pipelines (tenant_id) where is_default;

create table crm.stages (
  tenant_id uuid not null,
  id uuid not null,
  pipeline_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  position integer not null,
  probability integer not null default 0 check (probability between 0 and 100),
  kind text not null default 'open' check (kind in ('open', 'won', 'lost')),
  primary key (tenant_id, id),
  foreign key (tenant_id, pipeline_id) references crm.pipelines (tenant_id, id) on delete cascade
);
create index stages_pipeline_idx on crm.stages (tenant_id, pipeline_id, position);

create table crm.leads (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  first_name text not null default '',
  last_name text not null default '',
  email citext,
  phone text,
  company_name text,
  job_title text,
  status text not null default 'new'
    check (status in ('new', 'contacted', 'qualified', 'unqualified', 'converted')),
  source text,
  page_url text,
  tags text[] not null default '{}',
  owner_id uuid references identity.users (id) on delete set null,
  contact_id uuid,
  company_id uuid,
  deal_id uuid,
  score integer check (score between 0 and 100),
  score_reasons jsonb not null default '[]',
  custom jsonb not null default '{}',
  external_id text,
  converted_at timestamptz,
  search tsvector generated always as (
    to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
      || coalesce(email::text, '') || ' ' || coalesce(company_name, '') || ' ' || coalesce(phone, ''))
  ) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, external_id),
  foreign key (tenant_id, contact_id) references crm.contacts (tenant_id, id) on delete set null (contact_id),
  foreign key (tenant_id, company_id) references crm.companies (tenant_id, id) on delete set null (company_id)
);
create index leads_email_idx on crm.leads (tenant_id, email);
create index leads_search_idx on crm.leads using gin (search);
create index leads_created_idx on crm.leads (tenant_id, created_at desc, id desc);
create index leads_status_idx on crm.leads (tenant_id, status);

create table crm.deals (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 300),
  pipeline_id uuid not null,
  stage_id uuid not null,
  position double precision not null default 0,
  amount numeric(14, 2) not null default 0 check (amount >= 0),
  currency char(3) not null default 'USD' check (currency ~ '^[A-Z]{3}$'),
  expected_close_date date,
  status text not null default 'open' check (status in ('open', 'won', 'lost')),
  lost_reason text,
  contact_id uuid,
  company_id uuid,
  owner_id uuid references identity.users (id) on delete set null,
  tags text[] not null default '{}',
  custom jsonb not null default '{}',
  external_id text,
  closed_at timestamptz,
  search tsvector generated always as (to_tsvector('simple', coalesce(name, ''))) stored,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, external_id),
  foreign key (tenant_id, pipeline_id) references crm.pipelines (tenant_id, id),
  foreign key (tenant_id, stage_id) references crm.stages (tenant_id, id),
  foreign key (tenant_id, contact_id) references crm.contacts (tenant_id, id) on delete set null (contact_id),
  foreign key (tenant_id, company_id) references crm.companies (tenant_id, id) on delete set null (company_id)
);
create index deals_stage_idx on crm.deals (tenant_id, pipeline_id, stage_id, position);
create index deals_search_idx on crm.deals using gin (search);
create index deals_close_idx on crm.deals (tenant_id, expected_close_date);
alter table crm.leads add foreign key (tenant_id, deal_id) references crm.deals (tenant_id, id) on delete set null (deal_id);

create table crm.activities (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  type text not null check (type in ('note', 'task', 'call', 'meeting', 'email')),
  subject text not null default '',
  body text not null default '',
  due_at timestamptz,
  done_at timestamptz,
  occurred_at timestamptz not null default now(),
  duration_minutes integer check (duration_minutes >= 0),
  assignee_id uuid references identity.users (id) on delete set null,
  created_by uuid references identity.users (id) on delete set null,
  contact_id uuid,
  company_id uuid,
  deal_id uuid,
  lead_id uuid,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, contact_id) references crm.contacts (tenant_id, id) on delete cascade,
  foreign key (tenant_id, company_id) references crm.companies (tenant_id, id) on delete cascade,
  foreign key (tenant_id, deal_id) references crm.deals (tenant_id, id) on delete cascade,
  foreign key (tenant_id, lead_id) references crm.leads (tenant_id, id) on delete cascade
);
create index activities_contact_idx on crm.activities (tenant_id, contact_id, occurred_at desc);
create index activities_company_idx on crm.activities (tenant_id, company_id, occurred_at desc);
create index activities_deal_idx on crm.activities (tenant_id, deal_id, occurred_at desc);
create index activities_lead_idx on crm.activities (tenant_id, lead_id, occurred_at desc);
create index activities_open_tasks_idx on crm.activities (tenant_id, assignee_id, due_at) where type = 'task' and done_at is null;

create table crm.custom_fields (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  entity text not null check (entity in ('contact', 'company', 'lead', 'deal')),
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null check (length(label) between 1 and 100),
  type text not null check (type in ('text', 'number', 'date', 'select', 'multiselect')),
  options text[] not null default '{}',
  required boolean not null default false,
  position integer not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, entity, key)
);

create table crm.saved_views (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  entity text not null check (entity in ('contact', 'company', 'lead', 'deal')),
  name text not null check (length(name) between 1 and 100),
  query jsonb not null default '{}',
  owner_id uuid references identity.users (id) on delete cascade,
  shared boolean not null default false,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table crm.forms (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  fields jsonb not null default '[]',
  consent_text text,
  thank_you text not null default 'Thank you! We will be in touch soon.',
  notify_user_id uuid references identity.users (id) on delete set null,
  active boolean not null default true,
  submissions integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table crm.imports (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  entity text not null check (entity in ('contact', 'company', 'lead')),
  filename text not null,
  mapping jsonb not null,
  status text not null default 'queued' check (status in ('queued', 'running', 'completed', 'failed')),
  total_rows integer not null default 0,
  processed_rows integer not null default 0,
  created_rows integer not null default 0,
  updated_rows integer not null default 0,
  failed_rows integer not null default 0,
  errors jsonb not null default '[]',
  created_by uuid references identity.users (id) on delete set null,
  created_at timestamptz not null default now(),
  finished_at timestamptz,
  primary key (tenant_id, id)
);

create table crm.import_files (
  tenant_id uuid not null,
  import_id uuid not null,
  content bytea not null,
  primary key (tenant_id, import_id),
  foreign key (tenant_id, import_id) references crm.imports (tenant_id, id) on delete cascade
);

create table crm.scoring_rules (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  kind text not null check (kind in ('fit', 'engagement')),
  label text not null,
  condition jsonb not null,
  points integer not null check (points between -100 and 100),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

create table crm.scoring_models (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  features jsonb not null,
  weights jsonb not null,
  samples integer not null,
  metrics jsonb not null default '{}',
  trained_at timestamptz not null default now(),
  primary key (tenant_id, id)
);

do $$
declare t text;
begin
  foreach t in array array['companies', 'contacts', 'pipelines', 'stages', 'leads', 'deals', 'activities',
    'custom_fields', 'saved_views', 'forms', 'imports', 'import_files', 'scoring_rules', 'scoring_models'] loop
    execute format('alter table crm.%I enable row level security', t);
    execute format('alter table crm.%I force row level security', t);
    execute format('create policy %I on crm.%I using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant())', t || '_isolation', t);
    execute format('grant select, insert, update, delete on crm.%I to bizosaas_app', t);
  end loop;
end $$;
