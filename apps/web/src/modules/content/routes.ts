import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { requirePermission } from '../../auth/guards';
import { appRoute } from '../../layout-routes';
import { contentNav } from './nav';

/** Content (/content): a layout guarded by cms:read; every page below loads lazily. */
export const contentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: 'content',
  beforeLoad: ({ context }) => requirePermission(context.me, contentNav.permission, 'Content'),
});

/** The site's page tree and posts. */
export const contentIndexRoute = createRoute({
  getParentRoute: () => contentRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./content-home-page'), 'ContentHomePage'),
});

/** The block editor (TipTap and the editor's forms load only with this chunk). */
export const contentPageEditorRoute = createRoute({
  getParentRoute: () => contentRoute,
  path: 'pages/$id',
  component: lazyRouteComponent(() => import('./page-editor-page'), 'PageEditorPage'),
});

export const contentMediaRoute = createRoute({
  getParentRoute: () => contentRoute,
  path: 'media',
  component: lazyRouteComponent(() => import('./media-library-page'), 'MediaLibraryPage'),
});

export const contentSettingsRoute = createRoute({
  getParentRoute: () => contentRoute,
  path: 'settings',
  component: lazyRouteComponent(() => import('./site-settings-page'), 'SiteSettingsPage'),
});

export const contentRoutes = contentRoute.addChildren([
  contentIndexRoute,
  contentPageEditorRoute,
  contentMediaRoute,
  contentSettingsRoute,
]);
