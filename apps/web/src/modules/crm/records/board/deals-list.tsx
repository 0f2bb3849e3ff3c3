import { Badge, Button, Card, Group, Table, Text, UnstyledButton } from '@mantine/core';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../../api/client';
import { formatDate } from '../../../../components/format';
import { QueryError } from '../../../../components/query-error';
import { TableSkeleton } from '../../../../components/table-skeleton';
import { formatMoney, type Stage } from '../crm-api';
import { RecordLink } from '../record-link';
import { STATUS_COLOR } from '../related-deals';
import type { CardInfo } from './deal-card';

const COLUMNS = [
  { key: 'name', label: 'Deal' },
  { key: 'amount', label: 'Amount' },
  { key: '', label: 'Stage' },
  { key: '', label: 'Company' },
  { key: 'expectedCloseDate', label: 'Close date' },
  { key: '', label: 'Owner' },
  { key: 'status', label: 'Status' },
];

/** The pipeline's deals as a sortable table (the board's alternative). */
export function DealsList({
  pipelineId,
  stages,
  info,
}: {
  pipelineId: string;
  stages: Stage[];
  info: CardInfo;
}) {
  const [sort, setSort] = useState('-amount');
  const q = useInfiniteQuery({
    queryKey: ['crm', 'deals', 'list', pipelineId, sort],
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/brain/crm/deals', {
          params: { query: { pipelineId, sort, limit: 50, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const rows = q.data?.pages.flatMap((p) => p.items) ?? [];
  const stageName = (id: string) => stages.find((s) => s.id === id)?.name ?? '—';
  return (
    <Card withBorder>
      {q.isPending ? (
        <TableSkeleton />
      ) : q.isError ? (
        <QueryError error={q.error} onRetry={() => q.refetch()} />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table highlightOnHover verticalSpacing="xs" aria-label="Deals">
            <Table.Thead>
              <Table.Tr>
                {COLUMNS.map((c) => (
                  <Table.Th key={c.label}>
                    {c.key ? (
                      <UnstyledButton onClick={() => setSort((s) => (s === c.key ? `-${c.key}` : c.key))}>
                        <Group gap={4}>
                          <Text size="sm" fw={600}>
                            {c.label}
                          </Text>
                          {sort === c.key && <IconArrowUp size={14} aria-hidden />}
                          {sort === `-${c.key}` && <IconArrowDown size={14} aria-hidden />}
                        </Group>
                      </UnstyledButton>
                    ) : (
                      c.label
                    )}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Td>
                    <RecordLink entity="deal" id={d.id} size="sm" fw={500}>
                      {d.name}
                    </RecordLink>
                  </Table.Td>
                  <Table.Td>{formatMoney(d.amount, d.currency)}</Table.Td>
                  <Table.Td>{stageName(d.stageId)}</Table.Td>
                  <Table.Td>{info.companyName(d.companyId) ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(d.expectedCloseDate)}</Table.Td>
                  <Table.Td>{info.ownerName(d.ownerId) ?? '—'}</Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={STATUS_COLOR[d.status]}>
                      {d.status}
                    </Badge>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {q.hasNextPage && (
        <Button variant="light" mt="sm" onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          Load more
        </Button>
      )}
    </Card>
  );
}
