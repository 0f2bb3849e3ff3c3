import { IconAddressBook } from '@tabler/icons-react';
import type { ModuleNav } from '../module-nav';

export const crmNav: ModuleNav = {
  id: 'crm',
  label: 'CRM',
  to: '/crm',
  permission: 'crm:read',
  icon: IconAddressBook,
  description: 'Contacts, companies, deals and the pipeline, with activities and lead scores.',
};
