import { IconChartBar } from '@tabler/icons-react';
import type { ModuleNav } from '../module-nav';

export const analyticsNav: ModuleNav = {
  id: 'analytics',
  label: 'Analytics',
  to: '/analytics',
  permission: 'analytics:read',
  icon: IconChartBar,
  description: 'Dashboards and reports across CRM, content, store and campaigns.',
};
