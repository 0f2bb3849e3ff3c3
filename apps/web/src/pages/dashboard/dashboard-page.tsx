import { Button, Card, SimpleGrid, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useMe } from '../../auth/session';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QuickLinks } from './quick-links';
import { SystemStatus } from './system-status';

/** Where the console opens: who you are here, where to go next, and how the platform is doing. */
export function DashboardPage() {
  const me = useMe();
  const tenant = me.activeTenant;
  const firstName = me.user.name.split(/\s+/)[0] || me.user.name;
  return (
    <Stack gap="xl">
      <PageHeader
        title={`Welcome, ${firstName}`}
        description={
          tenant ? `You are working in ${tenant.tenantName}.` : 'You are not working in a tenant right now.'
        }
      />
      {tenant ? (
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Fact label="Tenant" value={tenant.tenantName} hint={tenant.tenantSlug} />
          <Fact
            label="Your role"
            value={me.role ?? tenant.role}
            hint={tenant.source === 'agency' ? 'through your agency' : 'member of this tenant'}
          />
          <Fact
            label="Kind"
            value={tenant.tenantKind}
            hint={me.user.isOperator ? 'you are a platform operator' : undefined}
          />
        </SimpleGrid>
      ) : (
        <Card withBorder>
          <EmptyState
            title="Choose a tenant to work in"
            description={
              me.memberships.length
                ? 'Pick one with the tenant switcher at the top of the page.'
                : me.user.isOperator
                  ? 'As a platform operator you can open any tenant from the Tenants page.'
                  : 'You are not a member of any tenant yet. Ask an owner to invite you, or create your own.'
            }
            action={
              me.user.isOperator ? (
                <Button component={Link} to="/operator/tenants">
                  Open the tenants list
                </Button>
              ) : undefined
            }
          />
        </Card>
      )}
      {tenant && <QuickLinks />}
      <SystemStatus />
    </Stack>
  );
}

function Fact({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Card withBorder padding="lg">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fw={700} size="lg" mt={4} tt={label === 'Tenant' ? undefined : 'capitalize'}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed" mt={2}>
          {hint}
        </Text>
      )}
    </Card>
  );
}
