import type { Icon } from '@tabler/icons-react';
import type { Permission } from '../auth/permissions';

/** A module as the navigation shows it; it appears only when the active role has `permission`. */
export interface ModuleNav {
  id: string;
  label: string;
  /** The module's first page (a path of its route). */
  to: '/crm' | '/content' | '/store' | '/directory' | '/analytics' | '/agents';
  permission: Permission;
  icon: Icon;
  /** One line for the navigation's tooltip and the dashboard's quick links. */
  description: string;
}
