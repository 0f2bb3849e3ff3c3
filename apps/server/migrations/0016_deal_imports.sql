-- CSV imports of deals: an import may be of deals, and a deal import goes into one pipeline
-- (stages are matched by name within it). A pipeline deleted later leaves its import history.
alter table crm.imports drop constraint imports_entity_check;
alter table crm.imports add constraint imports_entity_check
  check (entity in ('contact', 'company', 'lead', 'deal'));
alter table crm.imports add column pipeline_id uuid;
alter table crm.imports add constraint imports_pipeline_fk foreign key (tenant_id, pipeline_id)
  references crm.pipelines (tenant_id, id) on delete set null (pipeline_id);
