import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { agentsNav } from './nav';

/** Agents (/agents): the module's routes, guarded by agents:read. Add child routes here. */
export const agentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'agents',
  beforeLoad: ({ context }) => requirePermission(context.me, agentsNav.permission, 'Agents'),
  component: lazyRouteComponent(() => import('./agents-home-page'), 'AgentsHomePage'),
});

// With sub-pages: make agentsRoute a layout and `export const agentsRoutes = agentsRoute.addChildren([…])`.
export const agentsRoutes = agentsRoute;
