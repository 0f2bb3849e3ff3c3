-- Content and websites: sites (with their domains, theme and navigation), pages in a tree and blog
-- posts (one table, `kind`), typed blocks, revisions, categories, authors, redirects, media.
-- Every table is tenant-owned: (tenant_id, id) keys, tenant-scoped foreign keys, forced RLS.
create schema if not exists cms;
grant usage on schema cms to bizosaas_app;

create table cms.sites (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  -- names the site in paths: the primary site answers at /sites/<tenant-slug>/
  handle text not null check (handle ~ '^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$'),
  is_primary boolean not null default false,
  locale text not null default 'en',
  -- { logoMediaId?, logoUrl?, colors: { primary, accent, background, text }, font? }
  theme jsonb not null default '{}',
  -- [{ label, pageId? | url? }] in display order
  navigation jsonb not null default '[]',
  -- { tagline?, description?, footer?, ogImageMediaId? }
  settings jsonb not null default '{}',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, handle)
);
create unique index sites_primary_idx on cms.sites (tenant_id) where is_primary;

-- Custom domains. A host names one site across all tenants (see decision 0009), so this unique
-- index deliberately leaves tenant_id out.
create table cms.domains (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  site_id uuid not null,
  host citext not null check (host ~ '^[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[0-9]{1,5})?$'),
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  foreign key (tenant_id, site_id) references cms.sites (tenant_id, id) on delete cascade
);
create unique index domains_host_idx on cms.domains (host);
create index domains_site_idx on cms.domains (tenant_id, site_id);

create table cms.media (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  filename text not null,
  -- detected from the content, never from the file name
  mime text not null,
  size bigint not null check (size >= 0),
  width integer,
  height integer,
  alt text not null default '',
  storage text not null default 'local' check (storage in ('local', 's3')),
  key text not null,
  -- [{ width, height, format: 'webp' | 'jpeg' | 'png' | …, key, size }]
  variants jsonb not null default '[]',
  checksum text not null,
  created_by uuid references identity.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id)
);
create index media_created_idx on cms.media (tenant_id, created_at desc, id desc);

create table cms.authors (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  name text not null check (length(name) between 1 and 200),
  slug text not null check (slug ~ '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$'),
  bio text not null default '',
  avatar_media_id uuid,
  user_id uuid references identity.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, slug),
  foreign key (tenant_id, avatar_media_id) references cms.media (tenant_id, id) on delete set null (avatar_media_id)
);

create table cms.categories (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  site_id uuid not null,
  name text not null check (length(name) between 1 and 200),
  slug text not null check (slug ~ '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$'),
  description text not null default '',
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, site_id, slug),
  foreign key (tenant_id, site_id) references cms.sites (tenant_id, id) on delete cascade
);

-- Pages (kind 'page', in a tree by parent_id and position) and blog posts (kind 'post', served
-- under the site's blog path). Structure (parent, position, slug, path) is edited directly;
-- content (title, blocks, SEO, excerpt, cover, tags) is revisioned: `content` is the working draft,
-- `published` the live snapshot (null when not live). Only `published` is ever served publicly.
create table cms.pages (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  site_id uuid not null,
  kind text not null default 'page' check (kind in ('page', 'post')),
  parent_id uuid,
  position integer not null default 0,
  -- '' is the site's home page
  slug text not null check (slug = '' or slug ~ '^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$'),
  -- the full public path: '/', '/services', '/services/seo', '/blog/<slug>'
  path text not null check (path ~ '^/'),
  title text not null check (length(title) between 1 and 300),
  -- the working draft: { title, blocks: [...], seo: { title, description, canonicalUrl, ogImageMediaId }, excerpt, coverMediaId, tags }
  content jsonb not null default '{}',
  published jsonb,
  status text not null default 'draft' check (status in ('draft', 'published', 'unpublished')),
  has_unpublished_changes boolean not null default true,
  live_revision_id uuid,
  first_published_at timestamptz,
  published_at timestamptz,
  publish_at timestamptz,
  unpublish_at timestamptz,
  author_id uuid,
  tags text[] not null default '{}',
  -- written on publish from the published title and text, cleared on unpublish
  search tsvector,
  created_by uuid references identity.users (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, site_id, path),
  foreign key (tenant_id, site_id) references cms.sites (tenant_id, id) on delete cascade,
  foreign key (tenant_id, parent_id) references cms.pages (tenant_id, id) on delete restrict,
  foreign key (tenant_id, author_id) references cms.authors (tenant_id, id) on delete set null (author_id)
);
create index pages_tree_idx on cms.pages (tenant_id, site_id, parent_id, position);
create index pages_posts_idx on cms.pages (tenant_id, site_id, kind, published_at desc) where status = 'published';
create index pages_search_idx on cms.pages using gin (search);
create index pages_tags_idx on cms.pages using gin (tags);

create table cms.page_categories (
  tenant_id uuid not null references identity.tenants (id),
  page_id uuid not null,
  category_id uuid not null,
  primary key (tenant_id, page_id, category_id),
  foreign key (tenant_id, page_id) references cms.pages (tenant_id, id) on delete cascade,
  foreign key (tenant_id, category_id) references cms.categories (tenant_id, id) on delete cascade
);
create index page_categories_category_idx on cms.page_categories (tenant_id, category_id);

create table cms.revisions (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  page_id uuid not null,
  number integer not null check (number > 0),
  content jsonb not null,
  message text not null default '',
  -- true for the revisions that were published
  published boolean not null default false,
  created_by uuid references identity.users (id) on delete set null,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, page_id, number),
  foreign key (tenant_id, page_id) references cms.pages (tenant_id, id) on delete cascade
);
alter table cms.pages add foreign key (tenant_id, live_revision_id)
  references cms.revisions (tenant_id, id) on delete set null (live_revision_id);

create table cms.redirects (
  tenant_id uuid not null references identity.tenants (id),
  id uuid not null,
  site_id uuid not null,
  from_path text not null check (from_path ~ '^/'),
  to_url text not null check (length(to_url) between 1 and 2000),
  status_code integer not null default 301 check (status_code in (301, 302, 307, 308)),
  hits bigint not null default 0,
  created_at timestamptz not null default now(),
  primary key (tenant_id, id),
  unique (tenant_id, site_id, from_path),
  foreign key (tenant_id, site_id) references cms.sites (tenant_id, id) on delete cascade
);

do $$
declare t text;
begin
  foreach t in array array['sites', 'domains', 'media', 'authors', 'categories', 'pages', 'page_categories',
    'revisions', 'redirects'] loop
    execute format('alter table cms.%I enable row level security', t);
    execute format('alter table cms.%I force row level security', t);
    execute format('create policy %I on cms.%I using (tenant_id = platform.current_tenant()) with check (tenant_id = platform.current_tenant())', t || '_isolation', t);
    execute format('grant select, insert, update, delete on cms.%I to bizosaas_app', t);
  end loop;
end $$;
