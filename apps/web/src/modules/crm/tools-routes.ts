import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { crmRoute } from './routes';

/*
 * CRM tools (import wizard, forms builder, reports, scoring): children of crmRoute. routes.ts
 * imports this file, so the parent is only read lazily (getParentRoute), after both have loaded.
 */

const tool = <TPath extends string>(
  path: TPath,
  load: () => Promise<Record<string, () => React.JSX.Element>>,
  name: string,
) => createRoute({ getParentRoute: () => crmRoute, path, component: lazyRouteComponent(load, name) });

export const crmImportRoute = tool('import', () => import('./tools/import-page'), 'ImportPage');
export const crmFormsRoute = tool('forms', () => import('./tools/forms-page'), 'FormsPage');
export const crmFormRoute = tool('forms/$id', () => import('./tools/form-builder-page'), 'FormBuilderPage');
export const crmReportsRoute = tool('reports', () => import('./tools/reports-page'), 'ReportsPage');
export const crmScoringRoute = tool('scoring', () => import('./tools/scoring-page'), 'ScoringPage');

/** CRM tools (import wizard, forms builder, reports, scoring): children of crmRoute. */
export const crmToolRoutes = [
  crmImportRoute,
  crmFormsRoute,
  crmFormRoute,
  crmReportsRoute,
  crmScoringRoute,
] as const;
