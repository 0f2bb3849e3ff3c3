import { IconFileText } from '@tabler/icons-react';
import type { ModuleNav } from '../module-nav';

export const contentNav: ModuleNav = {
  id: 'content',
  label: 'Content',
  to: '/content',
  permission: 'cms:read',
  icon: IconFileText,
  description: 'Pages, posts and media for your websites, with drafts and publishing.',
};
