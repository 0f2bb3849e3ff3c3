import { Stack } from '@mantine/core';
import { PageHeader } from '../../components/page-header';
import { SystemStatus } from '../dashboard/system-status';
import { MetricsCards } from './metrics-cards';

/** Readiness and module status (as on the dashboard), and the key numbers from the metrics. */
export function OperatorSystemPage() {
  return (
    <>
      <PageHeader
        title="System"
        description="Health of the database, cache and worker; versions of the modules; requests, latency, pools and queue."
      />
      <Stack gap="xl">
        <SystemStatus />
        <MetricsCards />
      </Stack>
    </>
  );
}
