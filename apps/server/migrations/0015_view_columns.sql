-- A saved view keeps the table columns it shows (in order), so a shared view looks the same for
-- everyone in the tenant and on every device. Null: the entity's default columns.
alter table crm.saved_views add column columns text[];
