import { Badge, Card, Group, Select, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { ApiError, errorMessage } from '../../api/errors';
import { can, useMe } from '../../auth/session';
import { ConfirmButton } from '../../components/confirm-button';
import { EmptyState } from '../../components/empty-state';
import { FormError } from '../../components/form-error';
import { formatDate } from '../../components/format';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { type Member, membersQuery, ROLE_LABELS, type Role } from './identity-api';

/** The tenant's members: role per member (owners only touch owners), removal after confirmation. */
export function MembersTable() {
  const me = useMe();
  const queryClient = useQueryClient();
  const members = useQuery(membersQuery);
  const [error, setError] = useState<string>();
  const isAdmin = can(me, 'identity:admin');
  const isOwner = me.role === 'owner' || me.user.isOperator;

  const changeRole = useMutation({
    mutationFn: ({ m, role }: { m: Member; role: Role }) =>
      unwrap(
        api.PATCH('/api/brain/identity/members/{id}', { params: { path: { id: m.id } }, body: { role } }),
      ),
    onMutate: () => setError(undefined),
    onSuccess: (updated) => {
      notifications.show({ message: `${updated.name} is now ${ROLE_LABELS[updated.role]}`, color: 'teal' });
      return queryClient.invalidateQueries({ queryKey: membersQuery.queryKey });
    },
    onError: (err, { m }) => setError(`${m.name}: ${roleError(err)}`),
  });

  const remove = async (m: Member) => {
    await unwrap(api.DELETE('/api/brain/identity/members/{id}', { params: { path: { id: m.id } } }));
    notifications.show({ message: `${m.name} was removed`, color: 'teal' });
    await queryClient.invalidateQueries({ queryKey: membersQuery.queryKey });
  };

  const roleOptions = (Object.keys(ROLE_LABELS) as Role[]).map((r) => ({
    value: r,
    label: ROLE_LABELS[r],
    disabled: r === 'owner' && !isOwner,
  }));

  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            Members
          </Title>
          {members.data && (
            <Text size="sm" c="dimmed">
              {members.data.items.length} {members.data.items.length === 1 ? 'person' : 'people'}
            </Text>
          )}
        </Group>
        <FormError message={error} title="The role was not changed" />
        {members.isPending ? (
          <TableSkeleton />
        ) : members.isError ? (
          <QueryError error={members.error} onRetry={() => members.refetch()} />
        ) : members.data.items.length === 0 ? (
          <EmptyState
            title="No members yet"
            description="Invite people below; they appear here once they accept."
          />
        ) : (
          <Table.ScrollContainer minWidth={460}>
            <Table verticalSpacing="sm" highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Person</Table.Th>
                  <Table.Th w={150}>Role</Table.Th>
                  <Table.Th visibleFrom="sm">Since</Table.Th>
                  {isAdmin && <Table.Th w={110}>Actions</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {members.data.items.map((m) => {
                  const self = m.userId === me.user.id;
                  const ownerLocked = m.role === 'owner' && !isOwner;
                  return (
                    <Table.Tr key={m.id} data-testid={`member-${m.email}`}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {m.name}
                          {self && (
                            <Text span size="xs" c="dimmed">
                              {' '}
                              (you)
                            </Text>
                          )}
                        </Text>
                        <Group gap={6}>
                          <Text size="xs" c="dimmed">
                            {m.email}
                          </Text>
                          {m.source === 'agency' && (
                            <Badge size="xs" variant="light" color="grape">
                              agency staff
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        {isAdmin && !ownerLocked ? (
                          <Select
                            size="xs"
                            aria-label={`Role of ${m.name}`}
                            data={roleOptions}
                            value={m.role}
                            allowDeselect={false}
                            disabled={changeRole.isPending}
                            onChange={(v) => v && v !== m.role && changeRole.mutate({ m, role: v as Role })}
                          />
                        ) : (
                          <Badge
                            variant="light"
                            title={ownerLocked ? 'Only an owner can change owners' : undefined}
                          >
                            {ROLE_LABELS[m.role]}
                          </Badge>
                        )}
                      </Table.Td>
                      <Table.Td visibleFrom="sm">
                        <Text size="sm">{formatDate(m.createdAt)}</Text>
                      </Table.Td>
                      {isAdmin && (
                        <Table.Td>
                          {!ownerLocked && (
                            <ConfirmButton
                              size="xs"
                              title={self ? 'Leave this tenant?' : `Remove ${m.name}?`}
                              message={
                                self
                                  ? 'You will lose access to this tenant at once. Someone else must invite you back.'
                                  : `${m.name} loses access at once and is signed out of this tenant. You can invite them again later.`
                              }
                              confirmLabel={self ? 'Leave' : 'Remove'}
                              onConfirm={() =>
                                remove(m).catch((err) => Promise.reject(new Error(roleError(err))))
                              }
                              aria-label={`Remove ${m.name}`}
                            >
                              {self ? 'Leave' : 'Remove'}
                            </ConfirmButton>
                          )}
                        </Table.Td>
                      )}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Card>
  );
}

/** The hub's words, with the next step for the owner rules. */
function roleError(err: unknown): string {
  if (err instanceof ApiError && err.code === 'IDENTITY.LAST_OWNER')
    return 'This is the last owner. Make someone else owner first, then change or remove this one.';
  if (err instanceof ApiError && err.code === 'IDENTITY.OWNER_REQUIRED')
    return 'Only an owner can make or unmake owners.';
  return errorMessage(err);
}
