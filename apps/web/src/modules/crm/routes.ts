import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { crmNav } from './nav';
import { crmRecordRoutes } from './records-routes';
import { crmToolRoutes } from './tools-routes';

/** CRM (/crm): a layout guarded by crm:read; its pages are in records-routes.ts and tools-routes.ts. */
export const crmRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'crm',
  beforeLoad: ({ context }) => requirePermission(context.me, crmNav.permission, 'CRM'),
  component: lazyRouteComponent(() => import('./crm-layout'), 'CrmLayout'),
});

/** /crm itself: the CRM's home page. */
export const crmIndexRoute = createRoute({
  getParentRoute: () => crmRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./crm-home-page'), 'CrmHomePage'),
});

export const crmRoutes = crmRoute.addChildren([crmIndexRoute, ...crmRecordRoutes, ...crmToolRoutes]);
