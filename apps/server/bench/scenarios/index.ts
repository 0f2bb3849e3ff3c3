import { bareReadRuns } from './bare-pg-read.js';
import { crmContactsList } from './crm-contacts.js';
import { hubHealth } from './hub-health.js';
import { hubSignIn } from './hub-signin.js';
import { hubTenantRead, hubTenantReadLight } from './hub-tenant-read.js';
import type { Scenario } from './scenario.js';

/** Run in this order; add a scenario by writing one file and listing it here. */
export const scenarios: Scenario[] = [
  hubHealth,
  hubTenantRead,
  hubTenantReadLight,
  bareReadRuns,
  hubSignIn,
  crmContactsList,
];
