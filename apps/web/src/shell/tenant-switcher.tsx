import { Button, Menu, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuilding, IconCheck, IconSelector } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from '@tanstack/react-router';
import { api, unwrap } from '../api/client';
import { errorMessage } from '../api/errors';
import { type Membership, useMe } from '../auth/session';

/**
 * The active tenant, and the others this user may open: their own memberships and, for agency
 * staff, the client tenants they reach through the agency. Switching refetches everything.
 */
export function TenantSwitcher() {
  const me = useMe();
  const queryClient = useQueryClient();
  const router = useRouter();
  const switchTo = useMutation({
    mutationFn: (m: Membership) =>
      unwrap(api.POST('/api/brain/auth/switch-tenant', { body: { tenantId: m.tenantId } })),
    onSuccess: async (_data, m) => {
      await queryClient.invalidateQueries();
      await router.invalidate();
      notifications.show({ message: `Switched to ${m.tenantName}`, color: 'teal' });
    },
    onError: (err) =>
      notifications.show({ title: 'Could not switch tenant', message: errorMessage(err), color: 'red' }),
  });

  const active = me.activeTenant;
  const own = me.memberships.filter((m) => m.source === 'direct');
  const clients = me.memberships.filter((m) => m.source === 'agency');
  if (!me.memberships.length && !active) return null;

  const item = (m: Membership) => {
    const current = m.tenantId === active?.tenantId;
    return (
      <Menu.Item
        key={m.tenantId}
        onClick={() => !current && switchTo.mutate(m)}
        leftSection={
          current ? (
            <IconCheck size={16} aria-hidden />
          ) : (
            <span style={{ width: 16, display: 'inline-block' }} />
          )
        }
        rightSection={
          <Text size="xs" c="dimmed">
            {m.role}
          </Text>
        }
        aria-current={current ? 'true' : undefined}
      >
        {m.tenantName}
      </Menu.Item>
    );
  };

  return (
    <Menu position="bottom-end" width={280} withinPortal shadow="md">
      <Menu.Target>
        <Button
          variant="default"
          size="sm"
          leftSection={<IconBuilding size={16} aria-hidden />}
          rightSection={<IconSelector size={14} aria-hidden />}
          loading={switchTo.isPending}
          aria-label={`Tenant: ${active?.tenantName ?? 'none'}. Switch tenant`}
          maw={{ base: 170, sm: 260 }}
        >
          <Text size="sm" truncate>
            {active?.tenantName ?? 'Choose a tenant'}
          </Text>
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {own.length > 0 && <Menu.Label>Your tenants</Menu.Label>}
        {own.map(item)}
        {clients.length > 0 && (
          <>
            {own.length > 0 && <Menu.Divider />}
            <Menu.Label>Clients of your agency</Menu.Label>
            {clients.map(item)}
          </>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}
