import { Badge, Button, Card, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconKey, IconPlus } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { formatDate, formatRelative } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { ApiKeyCreateDialog } from './api-key-create-dialog';
import { scopeLabel } from './api-key-scopes';
import { type ApiKey, apiKeysQuery } from './identity-api';

function keyState(k: ApiKey): { label: string; color: string } {
  if (k.revokedAt) return { label: 'revoked', color: 'red' };
  if (k.expiresAt && new Date(k.expiresAt).getTime() < Date.now()) return { label: 'expired', color: 'gray' };
  return { label: 'active', color: 'teal' };
}

/** Keys for servers and scripts: list, create (the secret shown once), revoke. */
export function ApiKeysPage() {
  const queryClient = useQueryClient();
  const keys = useQuery(apiKeysQuery);
  const [creating, setCreating] = useState(false);

  const revoke = async (k: ApiKey) => {
    await unwrap(api.DELETE('/api/brain/identity/api-keys/{id}', { params: { path: { id: k.id } } }));
    notifications.show({ message: `${k.name} was revoked`, color: 'teal' });
    await queryClient.invalidateQueries({ queryKey: apiKeysQuery.queryKey });
  };

  const newKey = (
    <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
      New API key
    </Button>
  );

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys for servers and scripts that call the API on behalf of this tenant, limited to the scopes you choose."
        actions={newKey}
      />
      <Card withBorder padding="lg">
        {keys.isPending ? (
          <TableSkeleton />
        ) : keys.isError ? (
          <QueryError error={keys.error} onRetry={() => keys.refetch()} />
        ) : keys.data.items.length === 0 ? (
          <EmptyState
            icon={<IconKey size={28} aria-hidden />}
            title="No API keys yet"
            description="Create a key for each program that calls the API, with only the scopes it needs. You can revoke a key at any time."
            action={newKey}
          />
        ) : (
          <Table.ScrollContainer minWidth={820}>
            <Table verticalSpacing="sm" highlightOnHover aria-label="API keys">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  <Table.Th>Scopes</Table.Th>
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={100}>Actions</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {keys.data.items.map((k) => {
                  const state = keyState(k);
                  return (
                    <Table.Tr key={k.id} data-testid={`api-key-${k.name}`} opacity={k.revokedAt ? 0.7 : 1}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {k.name}
                        </Text>
                        <Text size="xs" c="dimmed" ff="monospace">
                          {k.prefix.replace(/\.$/, '')}…
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Group gap={4} maw={300}>
                          {k.scopes.map((s) => (
                            <Badge key={s} size="xs" variant="outline" tt="none">
                              {scopeLabel(s)}
                            </Badge>
                          ))}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(k.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{k.lastUsedAt ? formatRelative(k.lastUsedAt) : 'never'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={state.color}>
                          {state.label}
                        </Badge>
                        {k.revokedAt ? (
                          <Text size="xs" c="dimmed">
                            {formatDate(k.revokedAt)}
                          </Text>
                        ) : (
                          k.expiresAt && (
                            <Text size="xs" c="dimmed">
                              until {formatDate(k.expiresAt)}
                            </Text>
                          )
                        )}
                      </Table.Td>
                      <Table.Td>
                        {!k.revokedAt && (
                          <ConfirmButton
                            size="xs"
                            title={`Revoke ${k.name}?`}
                            message="Programs using this key are refused from now on. This cannot be undone; create a new key to restore access."
                            confirmLabel="Revoke"
                            onConfirm={() => revoke(k)}
                            aria-label={`Revoke ${k.name}`}
                          >
                            Revoke
                          </ConfirmButton>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Card>
      <ApiKeyCreateDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
