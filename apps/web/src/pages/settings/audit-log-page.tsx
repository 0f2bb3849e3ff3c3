import { Badge, Button, Card, Center, Code, Table, Text, Tooltip } from '@mantine/core';
import { IconListDetails } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { formatDateTime, formatRelative } from '../../components/format';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { type AuditFilter, AuditFilters, auditQuery, NO_FILTER } from './audit-filters';
import { actionColor, actionLabel } from './audit-labels';
import type { AuditEntry } from './identity-api';

const PAGE = 50;

/** Who did what in this tenant, newest first; filters and "Load more" (cursor paging). */
export function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilter>(NO_FILTER);
  const log = useInfiniteQuery({
    queryKey: ['identity', 'audit', filter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/brain/identity/audit', {
          params: {
            query: { ...auditQuery(filter), limit: PAGE, ...(pageParam ? { cursor: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const entries = log.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Boolean(filter.action || filter.actorId || filter.from || filter.to);

  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who did what in this tenant, and when. Entries cannot be changed."
      />
      <AuditFilters value={filter} onChange={setFilter} />
      <Card withBorder padding="lg">
        {log.isPending ? (
          <TableSkeleton rows={6} />
        ) : log.isError ? (
          <QueryError error={log.error} onRetry={() => log.refetch()} />
        ) : entries.length === 0 ? (
          <EmptyState
            icon={<IconListDetails size={28} aria-hidden />}
            title={filtered ? 'Nothing matches these filters' : 'Nothing recorded yet'}
            description={
              filtered
                ? 'Widen the date range or clear a filter to see more.'
                : 'Sign-ins, member changes, invitations and API keys are recorded here as they happen.'
            }
            action={
              filtered ? (
                <Button variant="light" onClick={() => setFilter(NO_FILTER)}>
                  Clear filters
                </Button>
              ) : undefined
            }
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={760}>
              <Table verticalSpacing="xs" aria-label="Audit log">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={150}>When</Table.Th>
                    <Table.Th>What</Table.Th>
                    <Table.Th>Who</Table.Th>
                    <Table.Th>Target</Table.Th>
                    <Table.Th>From</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {entries.map((e) => (
                    <AuditRow key={e.id} entry={e} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Center mt="md">
              {log.hasNextPage ? (
                <Button variant="light" onClick={() => log.fetchNextPage()} loading={log.isFetchingNextPage}>
                  Load more
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {entries.length} {entries.length === 1 ? 'entry' : 'entries'}; that is all.
                </Text>
              )}
            </Center>
          </>
        )}
      </Card>
    </>
  );
}

function AuditRow({ entry: e }: { entry: AuditEntry }) {
  const details = Object.keys(e.data ?? {}).length ? JSON.stringify(e.data) : undefined;
  return (
    <Table.Tr>
      <Table.Td>
        <Tooltip label={formatDateTime(e.at)} withArrow>
          <Text size="sm" tabIndex={0}>
            {formatRelative(e.at)}
          </Text>
        </Tooltip>
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={actionColor(e.action)} tt="none">
          {actionLabel(e.action)}
        </Badge>
        {details && (
          <Code block fz="xs" mt={4} maw={360} style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
            {details}
          </Code>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{e.actorEmail ?? (e.actorKind === 'apiKey' ? 'API key' : e.actorKind)}</Text>
        {e.actorKind !== 'user' && e.actorEmail && (
          <Text size="xs" c="dimmed">
            {e.actorKind}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{e.targetType ?? '—'}</Text>
        {e.targetId && (
          <Text size="xs" c="dimmed" ff="monospace" title={e.targetId}>
            {e.targetId.slice(0, 8)}…
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="xs" c="dimmed">
          {e.ip ?? '—'}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}
