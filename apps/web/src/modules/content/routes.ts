import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { contentNav } from './nav';

/** Content (/content): the module's routes, guarded by cms:read. Add child routes here. */
export const contentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'content',
  beforeLoad: ({ context }) => requirePermission(context.me, contentNav.permission, 'Content'),
  component: lazyRouteComponent(() => import('./content-home-page'), 'ContentHomePage'),
});

// With sub-pages: make contentRoute a layout and `export const contentRoutes = contentRoute.addChildren([…])`.
export const contentRoutes = contentRoute;
