import { Badge, Button, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconBuildingPlus, IconExternalLink } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { can, useMe } from '../../auth/session';
import { EmptyState } from '../../components/empty-state';
import { formatDate } from '../../components/format';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { useOpenTenant } from '../../components/use-open-tenant';
import { ClientAccessDialog } from './client-access-dialog';
import { ClientCreateDialog } from './client-create-dialog';
import { type Client, clientsQuery } from './identity-api';

/** An agency's client tenants: open one, create one, and decide which staff reach which client. */
export function ClientsCard() {
  const me = useMe();
  const clients = useQuery(clientsQuery);
  const open = useOpenTenant();
  const [creating, setCreating] = useState(false);
  const [access, setAccess] = useState<Client>();
  const isAdmin = can(me, 'identity:admin');
  const reachable = new Set(me.memberships.map((m) => m.tenantId));

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Stack gap={2}>
            <Title order={2} size="h4">
              Clients
            </Title>
            <Text size="sm" c="dimmed">
              Businesses this agency works for. Staff reach a client only when given access to it.
            </Text>
          </Stack>
          {isAdmin && (
            <Button
              leftSection={<IconBuildingPlus size={16} aria-hidden />}
              onClick={() => setCreating(true)}
            >
              New client
            </Button>
          )}
        </Group>
        {clients.isPending ? (
          <TableSkeleton rows={2} />
        ) : clients.isError ? (
          <QueryError error={clients.error} onRetry={() => clients.refetch()} />
        ) : clients.data.items.length === 0 ? (
          <EmptyState
            title="No clients yet"
            description={
              isAdmin
                ? 'Create a client tenant for each business you work for; you get admin access to it at once.'
                : 'An admin of this agency can create client tenants.'
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" aria-label="Client tenants">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Client</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {clients.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <Text size="sm" fw={500}>
                        {c.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {c.slug}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={c.status === 'active' ? 'teal' : 'red'}>
                        {c.status}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDate(c.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs" wrap="nowrap">
                        <Button
                          size="xs"
                          variant="light"
                          leftSection={<IconExternalLink size={14} aria-hidden />}
                          disabled={!reachable.has(c.id) && !me.user.isOperator}
                          title={reachable.has(c.id) ? undefined : 'You have no access to this client yet'}
                          loading={open.isPending && open.variables?.id === c.id}
                          onClick={() => open.mutate({ id: c.id, name: c.name })}
                        >
                          Open
                        </Button>
                        {isAdmin && (
                          <Button size="xs" variant="default" onClick={() => setAccess(c)}>
                            Staff access
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
      <ClientCreateDialog opened={creating} onClose={() => setCreating(false)} />
      <ClientAccessDialog client={access} onClose={() => setAccess(undefined)} />
    </Card>
  );
}
