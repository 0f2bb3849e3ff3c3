import { Tabs } from '@mantine/core';
import { Outlet, useNavigate, useRouterState } from '@tanstack/react-router';

const TABS = [
  { value: '/crm', label: 'Overview' },
  { value: '/crm/contacts', label: 'Contacts' },
  { value: '/crm/companies', label: 'Companies' },
  { value: '/crm/leads', label: 'Leads' },
  { value: '/crm/deals', label: 'Deals' },
  { value: '/crm/import', label: 'Import' },
  { value: '/crm/forms', label: 'Forms' },
  { value: '/crm/reports', label: 'Reports' },
  { value: '/crm/scoring', label: 'Scoring' },
] as const;

/** The tab whose section the path is in: /crm/contacts/123 → /crm/contacts. */
function activeTab(pathname: string): string {
  const hit = TABS.filter((t) => t.value !== '/crm').find(
    (t) => pathname === t.value || pathname.startsWith(`${t.value}/`),
  );
  return hit?.value ?? '/crm';
}

/** The CRM's sub-navigation above every CRM page. */
export function CrmLayout() {
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const navigate = useNavigate();
  return (
    <>
      <Tabs
        value={activeTab(pathname)}
        onChange={(to) => to && navigate({ to })}
        mb="lg"
        aria-label="CRM sections"
        styles={{ list: { flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' } }}
      >
        <Tabs.List>
          {TABS.map((t) => (
            <Tabs.Tab key={t.value} value={t.value}>
              {t.label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
      <Outlet />
    </>
  );
}
