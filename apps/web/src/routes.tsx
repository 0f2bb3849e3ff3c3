import { createRoute, createRouter, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from './auth/guards';
import type { Permission } from './auth/permissions';
import { appRoute, publicRoute, rootRoute } from './layout-routes';
import { moduleRoutes } from './modules';
import { createQueryClient } from './query-client';

/*
 * The route tree, in code (no generator). Public pages hang under publicRoute; everything that needs
 * a session under appRoute, whose beforeLoad puts `me` into the context. Pages load lazily, so the
 * sign-in page ships without the signed-in area. Add a page: write pages/<area>/<name>-page.tsx,
 * add a route below (or in modules/<module>/routes.ts), and a navigation entry in shell/nav-items.ts.
 */

// --- Signed out -------------------------------------------------------------------------------

export interface SigninSearch {
  next?: string;
  verified?: string;
  sso_error?: string;
}

const str = (v: unknown) => (typeof v === 'string' && v ? v : undefined);

export const signinRoute = createRoute({
  getParentRoute: () => publicRoute,
  path: 'signin',
  validateSearch: (s: Record<string, unknown>): SigninSearch => ({
    next: str(s.next),
    verified: str(s.verified) ?? (s.verified === 1 ? '1' : s.verified === 0 ? '0' : undefined),
    sso_error: str(s.sso_error),
  }),
  component: lazyRouteComponent(() => import('./pages/auth/signin-page'), 'SigninPage'),
});

const publicPage = <TPath extends string>(
  path: TPath,
  load: () => Promise<Record<string, () => React.JSX.Element>>,
  name: string,
) => createRoute({ getParentRoute: () => publicRoute, path, component: lazyRouteComponent(load, name) });

const signupRoute = publicPage('signup', () => import('./pages/auth/signup-page'), 'SignupPage');
const forgotRoute = publicPage(
  'forgot-password',
  () => import('./pages/auth/forgot-password-page'),
  'ForgotPasswordPage',
);
const resetRoute = publicPage(
  'reset-password',
  () => import('./pages/auth/reset-password-page'),
  'ResetPasswordPage',
);
const acceptRoute = publicPage(
  'accept-invitation',
  () => import('./pages/auth/accept-invitation-page'),
  'AcceptInvitationPage',
);

// --- Signed in --------------------------------------------------------------------------------

const appPage = <TPath extends string>(
  path: TPath,
  load: () => Promise<Record<string, () => React.JSX.Element>>,
  name: string,
  access?: { permission: Permission | 'operator'; what: string },
) =>
  createRoute({
    getParentRoute: () => appRoute,
    path,
    beforeLoad: access
      ? ({ context }) => requirePermission(context.me, access.permission, access.what)
      : undefined,
    component: lazyRouteComponent(load, name),
  });

export const dashboardRoute = appPage('/', () => import('./pages/dashboard/dashboard-page'), 'DashboardPage');
const profileRoute = appPage('profile', () => import('./pages/account/profile-page'), 'ProfilePage');

const settings = {
  members: appPage('settings/members', () => import('./pages/settings/members-page'), 'MembersPage', {
    permission: 'identity:read',
    what: 'the members list',
  }),
  apiKeys: appPage('settings/api-keys', () => import('./pages/settings/api-keys-page'), 'ApiKeysPage', {
    permission: 'identity:admin',
    what: 'API keys',
  }),
  audit: appPage('settings/audit-log', () => import('./pages/settings/audit-log-page'), 'AuditLogPage', {
    permission: 'identity:admin',
    what: 'the audit log',
  }),
  tenant: appPage(
    'settings/tenant',
    () => import('./pages/settings/tenant-settings-page'),
    'TenantSettingsPage',
    {
      permission: 'identity:read',
      what: 'tenant settings',
    },
  ),
};

const operatorOnly = (what: string) => ({ permission: 'operator' as const, what });
const operator = {
  tenants: appPage(
    'operator/tenants',
    () => import('./pages/operator/tenants-page'),
    'OperatorTenantsPage',
    operatorOnly('platform tenants'),
  ),
  users: appPage(
    'operator/users',
    () => import('./pages/operator/users-page'),
    'OperatorUsersPage',
    operatorOnly('platform users'),
  ),
  jobs: appPage(
    'operator/jobs',
    () => import('./pages/operator/jobs-page'),
    'OperatorJobsPage',
    operatorOnly('the job queue'),
  ),
  mail: appPage(
    'operator/mail',
    () => import('./pages/operator/mail-page'),
    'OperatorMailPage',
    operatorOnly('the mail outbox'),
  ),
  system: appPage(
    'operator/system',
    () => import('./pages/operator/system-page'),
    'OperatorSystemPage',
    operatorOnly('system status'),
  ),
};

export const routeTree = rootRoute.addChildren([
  publicRoute.addChildren([signinRoute, signupRoute, forgotRoute, resetRoute, acceptRoute]),
  appRoute.addChildren([
    dashboardRoute,
    profileRoute,
    ...moduleRoutes,
    ...Object.values(settings),
    ...Object.values(operator),
  ]),
]);

export const queryClient = createQueryClient();

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  // The query cache decides freshness; the router always asks it.
  defaultPreloadStaleTime: 0,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
