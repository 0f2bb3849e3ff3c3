import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { storeNav } from './nav';

/** Store (/store): the module's routes, guarded by commerce:read. Add child routes here. */
export const storeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'store',
  beforeLoad: ({ context }) => requirePermission(context.me, storeNav.permission, 'Store'),
  component: lazyRouteComponent(() => import('./store-home-page'), 'StoreHomePage'),
});

// With sub-pages: make storeRoute a layout and `export const storeRoutes = storeRoute.addChildren([…])`.
export const storeRoutes = storeRoute;
