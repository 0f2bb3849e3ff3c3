import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  lazyRouteComponent,
  redirect,
} from '@tanstack/react-router';
import { ApiError } from './api/errors';
import { meQuery } from './auth/session';
import { NotFoundPage } from './pages/errors/not-found-page';
import { RouteError } from './pages/errors/route-error';

export interface RouterContext {
  queryClient: QueryClient;
}

/** The root: nothing but the outlet; errors and unknown paths get friendly pages. */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  notFoundComponent: NotFoundPage,
  errorComponent: RouteError,
});

/** Pages for signed-out visitors (sign-in, sign-up, password reset, invitations). */
export const publicRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'public',
  component: lazyRouteComponent(() => import('./shell/public-layout'), 'PublicLayout'),
});

/**
 * The signed-in area: loads the session (GET /auth/me) first; without one the visitor goes to
 * /signin?next=<where they wanted to go>. Children read it as `context.me`.
 */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      return { me: await context.queryClient.ensureQueryData(meQuery) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401)
        throw redirect({ to: '/signin', search: { next: location.href } });
      throw err;
    }
  },
  component: lazyRouteComponent(() => import('./shell/app-layout'), 'AppLayout'),
});
