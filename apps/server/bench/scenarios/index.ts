import { bareReadRuns } from './bare-pg-read.js';
import { crmContactsList } from './crm-contacts.js';
import { crmImport } from './crm-import.js';
import { hubHealth } from './hub-health.js';
import { hubSignIn } from './hub-signin.js';
import { hubTenantRead, hubTenantReadLight } from './hub-tenant-read.js';
import type { Measurement, Scenario } from './scenario.js';
import { sitePage, siteStatic } from './site-page.js';

/** Run in this order; add a scenario by writing one file and listing it here. */
export const scenarios: Scenario[] = [
  hubHealth,
  hubTenantRead,
  hubTenantReadLight,
  bareReadRuns,
  hubSignIn,
  crmContactsList,
  sitePage,
  siteStatic,
];

/** One-shot measurements, run after the scenarios. */
export const measurements: Measurement[] = [crmImport];
