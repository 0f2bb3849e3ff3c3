import { IconShoppingCart } from '@tabler/icons-react';
import type { ModuleNav } from '../module-nav';

export const storeNav: ModuleNav = {
  id: 'store',
  label: 'Store',
  to: '/store',
  permission: 'commerce:read',
  icon: IconShoppingCart,
  description: 'Products, inventory, orders and payments of your online store.',
};
