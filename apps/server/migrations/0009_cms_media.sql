-- Media: one item per distinct upload of a tenant (an identical re-upload returns the existing
-- item; the unique index settles concurrent ones), and the lookup by checksum that this needs.
create unique index media_checksum_idx on cms.media (tenant_id, checksum);
