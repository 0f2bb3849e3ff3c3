import { IconChartBar } from '@tabler/icons-react';
import { PlaceholderPage } from '../../components/placeholder-page';
import { analyticsNav } from './nav';

/** Analytics's first page. Replace the placeholder; add more pages beside this file (see README). */
export function AnalyticsHomePage() {
  return (
    <PlaceholderPage
      title={analyticsNav.label}
      description={analyticsNav.description}
      icon={<IconChartBar size={28} aria-hidden />}
    />
  );
}
