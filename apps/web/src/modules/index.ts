import { agentsNav } from './agents/nav';
import { agentsRoutes } from './agents/routes';
import { analyticsNav } from './analytics/nav';
import { analyticsRoutes } from './analytics/routes';
import { contentNav } from './content/nav';
import { contentRoutes } from './content/routes';
import { crmNav } from './crm/nav';
import { crmRoutes } from './crm/routes';
import { directoryNav } from './directory/nav';
import { directoryRoutes } from './directory/routes';
import { storeNav } from './store/nav';
import { storeRoutes } from './store/routes';

export type { ModuleNav } from './module-nav';

/** The business modules, in navigation order. */
export const moduleNavs = [crmNav, contentNav, storeNav, directoryNav, analyticsNav, agentsNav];

/** Their route trees, mounted under the signed-in layout by routes.tsx. */
export const moduleRoutes = [
  crmRoutes,
  contentRoutes,
  storeRoutes,
  directoryRoutes,
  analyticsRoutes,
  agentsRoutes,
] as const;
