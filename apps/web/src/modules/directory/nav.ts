import { IconMapPin } from '@tabler/icons-react';
import type { ModuleNav } from '../module-nav';

export const directoryNav: ModuleNav = {
  id: 'directory',
  label: 'Directory',
  to: '/directory',
  permission: 'directory:read',
  icon: IconMapPin,
  description: 'Business listings, categories, reviews and claims.',
};
