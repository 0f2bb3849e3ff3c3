import { IconRobot } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';
import { agentsNav } from './nav';

/** Agents's first page. Replace the placeholder; add more pages beside this file (see README). */
export function AgentsHomePage() {
  return (
    <PlaceholderPage
      title={agentsNav.label}
      description={agentsNav.description}
      icon={<IconRobot size={28} aria-hidden />}
    />
  );
}
