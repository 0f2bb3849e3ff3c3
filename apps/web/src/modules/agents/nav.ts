import { IconRobot } from '@tabler/icons-react';
import type { ModuleNav } from '../module-nav';

export const agentsNav: ModuleNav = {
  id: 'agents',
  label: 'Agents',
  to: '/agents',
  permission: 'agents:read',
  icon: IconRobot,
  description: 'AI agents and durable workflows: lead scoring, content drafts, forecasts.',
};
