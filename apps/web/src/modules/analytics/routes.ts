import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { analyticsNav } from './nav';

/** Analytics (/analytics): the module's routes, guarded by analytics:read. Add child routes here. */
export const analyticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'analytics',
  beforeLoad: ({ context }) => requirePermission(context.me, analyticsNav.permission, 'Analytics'),
  component: lazyRouteComponent(() => import('./analytics-home-page'), 'AnalyticsHomePage'),
});

// With sub-pages: make analyticsRoute a layout and `export const analyticsRoutes = analyticsRoute.addChildren([…])`.
export const analyticsRoutes = analyticsRoute;
