import type { ModuleDef } from '../../platform/module.js';
import { seedDemoTenants } from './tenants.service.js';

export { createTenant, findTenantBySlug, listTenants, seedDemoTenants, slugify } from './tenants.service.js';
export type { Tenant, TenantKind } from './tenants.service.js';

export const identityModule: ModuleDef = {
  name: 'identity',
  version: '0.1.0',
  description: 'Tenants, users, sessions, tokens, API keys, roles and the audit log',
  async seed(hub) {
    await seedDemoTenants({ db: hub.db });
  },
};
