import type { Hub } from '../../platform/hub.js';
import type { ModuleDef } from '../../platform/module.js';
import { accountRoutes } from './account.routes.js';
import { authRoutes } from './auth.routes.js';
import { createAuthenticator } from './authn.js';
import { identityRoutes } from './identity.routes.js';
import { oidcRoutes } from './oidc.routes.js';
import { operatorRoutes } from './operator.routes.js';
import { seedDemoIdentity } from './seed.js';
import { tenantRoutes } from './tenant.routes.js';
import { TokenService } from './tokens.js';

export { audit, auditIn } from './audit.service.js';
export { activeMembers } from './members.service.js';
export { DEMO_ACCOUNTS } from './seed.js';
export type { Tenant, TenantKind } from './tenants.service.js';
export {
  createTenant,
  findTenantBySlug,
  listTenants,
  seedDemoTenants,
  slugify,
  tenantIsActive,
} from './tenants.service.js';

// Per-hub state (tests build several hubs in one process).
const services = new WeakMap<Hub, TokenService>();
export function tokenService(hub: Hub): TokenService {
  let t = services.get(hub);
  if (!t) {
    t = new TokenService(hub);
    services.set(hub, t);
  }
  return t;
}

export const identityModule: ModuleDef = {
  name: 'identity',
  version: '0.1.0',
  description: 'Tenants, users, sessions, tokens, API keys, roles and the audit log',
  register(hub) {
    hub.authenticate = createAuthenticator(hub, tokenService(hub));
  },
  mounts: (hub) => [
    { prefix: '/api/brain/auth', routes: authRoutes(tokenService(hub)) },
    { prefix: '/api/brain/auth', routes: accountRoutes(tokenService(hub)) },
    { prefix: '/api/brain/auth', routes: oidcRoutes(tokenService(hub)) },
    { prefix: '/api/brain/identity', routes: tenantRoutes },
    { prefix: '/api/brain/identity', routes: identityRoutes },
    { prefix: '/api/brain/identity/operator', routes: operatorRoutes },
  ],
  async seed(hub) {
    await seedDemoIdentity(hub);
  },
  async health(hub) {
    await tokenService(hub).load();
    return true;
  },
};
