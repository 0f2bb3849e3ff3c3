import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { crmRoute } from './routes';

const page = <TPath extends string>(
  path: TPath,
  load: () => Promise<Record<string, () => React.JSX.Element>>,
  name: string,
) => createRoute({ getParentRoute: () => crmRoute, path, component: lazyRouteComponent(load, name) });

const lists = () => import('./records/list-pages');

/** CRM record pages (contacts, companies, leads, deals board, record pages): children of crmRoute. */
export const crmRecordRoutes = [
  page('contacts', lists, 'ContactsPage'),
  page('companies', lists, 'CompaniesPage'),
  page('leads', lists, 'LeadsPage'),
  page('deals', () => import('./records/board/deals-board-page'), 'DealsBoardPage'),
  page('contacts/$id', () => import('./records/contact-page'), 'ContactPage'),
  page('companies/$id', () => import('./records/company-page'), 'CompanyPage'),
  page('leads/$id', () => import('./records/lead-page'), 'LeadPage'),
  page('deals/$id', () => import('./records/deal-page'), 'DealPage'),
] as const;
