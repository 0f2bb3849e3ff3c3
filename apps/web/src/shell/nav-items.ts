import {
  type Icon,
  IconBuildingCommunity,
  IconBuildingStore,
  IconClockPlay,
  IconKey,
  IconLayoutDashboard,
  IconListDetails,
  IconMail,
  IconServer,
  IconUserSearch,
  IconUsers,
} from '@tabler/icons-react';
import type { LinkProps } from '@tanstack/react-router';
import type { Permission } from '../auth/permissions';
import { can, type Me } from '../auth/session';
import { moduleNavs } from '../modules';

export interface NavItem {
  label: string;
  to: NonNullable<LinkProps['to']>;
  icon: Icon;
  /** Hidden unless the active role has it; `operator` for platform operators. */
  permission?: Permission | 'operator';
  description?: string;
}

export interface NavGroup {
  label?: string;
  items: NavItem[];
}

/** The navigation: dashboard, the business modules, settings and (operators only) the platform. */
export const navGroups: NavGroup[] = [
  { items: [{ label: 'Dashboard', to: '/', icon: IconLayoutDashboard }] },
  { label: 'Modules', items: moduleNavs },
  {
    label: 'Settings',
    items: [
      { label: 'Members', to: '/settings/members', icon: IconUsers, permission: 'identity:read' },
      { label: 'API keys', to: '/settings/api-keys', icon: IconKey, permission: 'identity:admin' },
      { label: 'Audit log', to: '/settings/audit-log', icon: IconListDetails, permission: 'identity:admin' },
      {
        label: 'Tenant settings',
        to: '/settings/tenant',
        icon: IconBuildingStore,
        permission: 'identity:read',
      },
    ],
  },
  {
    label: 'Operator',
    items: [
      { label: 'Tenants', to: '/operator/tenants', icon: IconBuildingCommunity, permission: 'operator' },
      { label: 'Users', to: '/operator/users', icon: IconUserSearch, permission: 'operator' },
      { label: 'Jobs', to: '/operator/jobs', icon: IconClockPlay, permission: 'operator' },
      { label: 'Mail', to: '/operator/mail', icon: IconMail, permission: 'operator' },
      { label: 'System', to: '/operator/system', icon: IconServer, permission: 'operator' },
    ],
  },
];

/** The groups and items this session may see; empty groups are dropped. */
export function visibleNav(me: Me): NavGroup[] {
  return navGroups
    .map((g) => ({ ...g, items: g.items.filter((i) => !i.permission || can(me, i.permission)) }))
    .filter((g) => g.items.length > 0);
}
