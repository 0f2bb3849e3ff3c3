-- CRM contacts and companies: indexes for the list sorts by name (keyset on (sort key, id) within
-- a tenant), so a sorted page reads 20 index entries instead of sorting the tenant's rows.
create index contacts_last_name_idx on crm.contacts (tenant_id, last_name, id);
create index contacts_first_name_idx on crm.contacts (tenant_id, first_name, id);
create index companies_name_idx on crm.companies (tenant_id, name, id);
create index contacts_updated_idx on crm.contacts (tenant_id, updated_at, id);
