import { Badge, Button, Table, Text } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { EmptyState } from '../../../components/empty-state';
import { formatRelative } from '../../../components/format';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import { ENTITY_LABELS } from './import-fields';
import { type ImportEntity, importsQuery } from './tools-api';

const COLOR = { queued: 'gray', running: 'blue', completed: 'teal', failed: 'red' } as const;

/** The tenant's recent imports; refreshes itself while one of them is still running. */
export function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const q = useQuery({
    ...importsQuery,
    refetchInterval: (query) =>
      query.state.data?.items.some((i) => i.status === 'queued' || i.status === 'running') ? 2000 : false,
  });
  if (q.isPending) return <TableSkeleton rows={3} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!q.data.items.length)
    return (
      <EmptyState
        icon={<IconHistory size={28} aria-hidden />}
        title="No imports yet"
        description="Imports you start appear here with their counts and bad rows."
      />
    );
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table verticalSpacing="xs" highlightOnHover aria-label="Past imports">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>File</Table.Th>
            <Table.Th>Records</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th ta="right">Rows</Table.Th>
            <Table.Th ta="right">Created</Table.Th>
            <Table.Th ta="right">Updated</Table.Th>
            <Table.Th ta="right">Failed</Table.Th>
            <Table.Th>Started</Table.Th>
            <Table.Th />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {q.data.items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {i.filename}
                </Text>
              </Table.Td>
              <Table.Td>{ENTITY_LABELS[i.entity as ImportEntity]?.many ?? i.entity}</Table.Td>
              <Table.Td>
                <Badge variant="light" color={COLOR[i.status]}>
                  {i.status}
                </Badge>
              </Table.Td>
              <Table.Td ta="right">{i.totalRows.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{i.createdRows.toLocaleString()}</Table.Td>
              <Table.Td ta="right">{i.updatedRows.toLocaleString()}</Table.Td>
              <Table.Td ta="right" c={i.failedRows ? 'red' : undefined}>
                {i.failedRows.toLocaleString()}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatRelative(i.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="subtle"
                  onClick={() => onOpen(i.id)}
                  aria-label={`Open ${i.filename}`}
                >
                  Details
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
