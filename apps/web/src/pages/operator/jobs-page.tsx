import { IconClockPlay } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';

export function OperatorJobsPage() {
  return (
    <PlaceholderPage
      title="Jobs"
      description="The job queue: waiting, running and failed jobs; retry or cancel them."
      icon={<IconClockPlay size={28} aria-hidden />}
    />
  );
}
