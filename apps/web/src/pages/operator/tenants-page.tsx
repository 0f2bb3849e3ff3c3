import { Badge, Button, Card, Group, Pagination, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuildingCommunity, IconPlus, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { formatDate } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { TenantActions } from './tenant-actions';
import { TenantCreateDialog } from './tenant-create-dialog';

const PAGE = 20;
type Status = 'active' | 'suspended';
type Kind = 'platform' | 'agency' | 'business';

/** Every tenant on the platform: search, filter, page; create, open as operator, suspend, reactivate. */
export function OperatorTenantsPage() {
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 300);
  const [status, setStatus] = useState<Status | null>(null);
  const [kind, setKind] = useState<Kind | null>(null);
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const query = {
    ...(search ? { q: search } : {}),
    ...(status ? { status } : {}),
    ...(kind ? { kind } : {}),
  };
  const tenants = useQuery({
    queryKey: ['operator', 'tenants', query, page],
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/identity/operator/tenants', {
          params: { query: { ...query, limit: PAGE, offset: (page - 1) * PAGE } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
  const filtered = Boolean(search || status || kind);
  const pages = Math.max(1, Math.ceil((tenants.data?.total ?? 0) / PAGE));
  const filter =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setPage(1);
    };

  return (
    <>
      <PageHeader
        title="Tenants"
        description="Every tenant on the platform. Opening one as operator is recorded in its audit log."
        actions={
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            New tenant
          </Button>
        }
      />
      <Group gap="sm" mb="md" align="flex-end" wrap="wrap">
        <TextInput
          label="Search"
          placeholder="Name or slug"
          leftSection={<IconSearch size={16} aria-hidden />}
          value={q}
          onChange={(e) => filter(setQ)(e.currentTarget.value)}
          style={{ flex: '1 1 14rem' }}
        />
        <Select
          label="Status"
          placeholder="Any status"
          clearable
          data={[
            { value: 'active', label: 'Active' },
            { value: 'suspended', label: 'Suspended' },
          ]}
          value={status}
          onChange={(v) => filter(setStatus)(v as Status | null)}
          w={{ base: 'calc(50% - 6px)', xs: 160 }}
        />
        <Select
          label="Kind"
          placeholder="Any kind"
          clearable
          data={[
            { value: 'agency', label: 'Agency' },
            { value: 'business', label: 'Business' },
            { value: 'platform', label: 'Platform' },
          ]}
          value={kind}
          onChange={(v) => filter(setKind)(v as Kind | null)}
          w={{ base: 'calc(50% - 6px)', xs: 160 }}
        />
      </Group>
      <Card withBorder padding="lg">
        {tenants.isPending ? (
          <TableSkeleton rows={6} />
        ) : tenants.isError ? (
          <QueryError error={tenants.error} onRetry={() => tenants.refetch()} />
        ) : tenants.data.items.length === 0 ? (
          <EmptyState
            icon={<IconBuildingCommunity size={28} aria-hidden />}
            title={filtered ? 'No tenant matches' : 'No tenants yet'}
            description={
              filtered
                ? 'Try another name or clear the filters.'
                : 'Tenants appear when people sign up; you can also create an agency or a business here.'
            }
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={900}>
              <Table verticalSpacing="sm" highlightOnHover aria-label="Tenants">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Tenant</Table.Th>
                    <Table.Th>Kind</Table.Th>
                    <Table.Th>Members</Table.Th>
                    <Table.Th>Status</Table.Th>
                    <Table.Th>Created</Table.Th>
                    <Table.Th>Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {tenants.data.items.map((t) => (
                    <Table.Tr key={t.id} data-testid={`tenant-${t.slug}`}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {t.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t.slug}
                          {t.parentName ? ` · client of ${t.parentName}` : ''}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="outline" color={t.kind === 'agency' ? 'grape' : 'gray'}>
                          {t.kind}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{t.members}</Text>
                      </Table.Td>
                      <Table.Td>
                        <Badge variant="light" color={t.status === 'active' ? 'teal' : 'red'}>
                          {t.status}
                        </Badge>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{formatDate(t.createdAt)}</Text>
                      </Table.Td>
                      <Table.Td>
                        <TenantActions tenant={t} />
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Group justify="space-between" mt="md" gap="sm">
              <Text size="sm" c="dimmed">
                {tenants.data.total} {tenants.data.total === 1 ? 'tenant' : 'tenants'}
              </Text>
              {pages > 1 && (
                <Pagination total={pages} value={page} onChange={setPage} size="sm" aria-label="Pages" />
              )}
            </Group>
          </>
        )}
      </Card>
      <TenantCreateDialog opened={creating} onClose={() => setCreating(false)} />
    </>
  );
}
