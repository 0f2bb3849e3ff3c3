import { Badge, Card, Group, Pagination, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch, IconUserSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { formatDate, formatRelative } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';

const PAGE = 25;

/** Every user account on the platform, searchable by e-mail or name. */
export function OperatorUsersPage() {
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [page, setPage] = useState(1);
  const users = useQuery({
    queryKey: ['operator', 'users', search, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/identity/operator/users', {
          params: { query: { ...(search ? { q: search } : {}), limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const pages = Math.max(1, Math.ceil((users.data?.total ?? 0) / PAGE));
  return (
    <>
      <PageHeader title="Users" description="Every user account on the platform." />
      <TextInput
        label="Search"
        placeholder="E-mail address or name"
        leftSection={<IconSearch size={16} aria-hidden />}
        value={q}
        onChange={(e) => {
          setQ(e.currentTarget.value);
          setPage(1);
        }}
        maw={420}
        mb="md"
      />
      <Card withBorder padding="lg">
        {users.isPending ? (
          <TableSkeleton rows={6} />
        ) : users.isError ? (
          <QueryError error={users.error} onRetry={() => users.refetch()} />
        ) : users.data.items.length === 0 ? (
          <EmptyState
            icon={<IconUserSearch size={28} aria-hidden />}
            title={search ? 'Nobody matches' : 'No users yet'}
            description={
              search
                ? 'Search by part of the e-mail address or the name.'
                : 'Accounts appear here when people sign up or accept an invitation.'
            }
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="sm" highlightOnHover aria-label="Users">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>User</Table.Th>
                    <Table.Th>Tenants</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Last sign-in</Table.Th>
                    <Table.Th>Joined</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.data.items.map((u) => (
                    <Table.Tr key={u.id}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {u.name}
                        </Text>
                        <Group gap={6}>
                          <Text size="xs" c="dimmed">
                            {u.email}
                          </Text>
                          {u.isOperator && (
                            <Badge size="xs" color="orange" variant="light">
                              operator
                            </Badge>
                          )}
                          {!u.emailVerified && (
                            <Badge size="xs" color="yellow" variant="light">
                              unverified
                            </Badge>
                          )}
                        </Group>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{u.tenants}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={u.status === 'active' ? 'teal' : 'red'}>
                          {u.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{u.lastSignInAt ? formatRelative(u.lastSignInAt) : 'never'}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(u.createdAt)}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="md">
              <Text size="sm" c="dimmed">
                {users.data.total} {users.data.total === 1 ? 'user' : 'users'}
              </Text>
              {pages > 1 && <Pagination total={pages} value={page} onChange={setPage} size="sm" />}
            </Group>
          </>
        )}
      </Card>
    </>
  );
}
