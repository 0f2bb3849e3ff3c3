-- Lists of runs show how many steps are done; keep the count on the run (updated in the step's
-- own transaction) instead of counting steps per listed run.
alter table platform.workflow_runs add column steps_completed integer not null default 0;
update platform.workflow_runs r set steps_completed = (
  select count(*) from platform.workflow_steps s where s.tenant_id = r.tenant_id and s.run_id = r.id);
