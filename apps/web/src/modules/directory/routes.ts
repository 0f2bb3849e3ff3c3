import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { directoryNav } from './nav';

/** Directory (/directory): the module's routes, guarded by directory:read. Add child routes here. */
export const directoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'directory',
  beforeLoad: ({ context }) => requirePermission(context.me, directoryNav.permission, 'Directory'),
  component: lazyRouteComponent(() => import('./directory-home-page'), 'DirectoryHomePage'),
});

// With sub-pages: make directoryRoute a layout and `export const directoryRoutes = directoryRoute.addChildren([…])`.
export const directoryRoutes = directoryRoute;
