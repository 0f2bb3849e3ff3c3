import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { crmNav } from './nav';

/** CRM (/crm): the module's routes, guarded by crm:read. Add child routes here. */
export const crmRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'crm',
  beforeLoad: ({ context }) => requirePermission(context.me, crmNav.permission, 'CRM'),
  component: lazyRouteComponent(() => import('./crm-home-page'), 'CrmHomePage'),
});

// With sub-pages: make crmRoute a layout and `export const crmRoutes = crmRoute.addChildren([…])`.
export const crmRoutes = crmRoute;
