-- CRM search: e-mail addresses are also searchable by their local part and their domain.
-- PostgreSQL's parser keeps `maya@northwind.example` as one `email` token, so a search for
-- "northwind" (or a lead's company domain) found nothing. crm.email_words adds, after the full
-- addresses, each address with `@` turned into a space: `maya northwind.example` (the domain is a
-- host token, so "northwind" matches it as a prefix). PostgreSQL 15 cannot change a generated
-- column's expression, so the search columns of contacts and leads are dropped and added again
-- (one rewrite of each table) and their GIN indexes rebuilt under the same names.
create function crm.email_words(text[]) returns text language sql immutable parallel safe
  as $$ select crm.join_text($1) || ' ' || replace(crm.join_text($1), '@', ' ') $$;

alter table crm.contacts drop column search;
alter table crm.contacts add column search tsvector generated always as (
  to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
    || coalesce(job_title, '') || ' ' || crm.email_words(emails::text[]) || ' ' || crm.join_text(phones))
) stored;
create index contacts_search_idx on crm.contacts using gin (search);

alter table crm.leads drop column search;
alter table crm.leads add column search tsvector generated always as (
  to_tsvector('simple', coalesce(first_name, '') || ' ' || coalesce(last_name, '') || ' '
    || crm.email_words(array[email::text]) || ' ' || coalesce(company_name, '') || ' ' || coalesce(phone, ''))
) stored;
create index leads_search_idx on crm.leads using gin (search);
