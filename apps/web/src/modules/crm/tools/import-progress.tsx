import { Alert, Badge, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import { ENTITY_LABELS } from './import-fields';
import { type ImportEntity, type ImportRecord, importQuery } from './tools-api';

type Sample = { t: number; rows: number };

/** Rows per second over the last few polls while running, or over the whole run once finished. */
function useRate(imp: ImportRecord | undefined): number | null {
  const samples = useRef<Sample[]>([]);
  const rows = imp?.processedRows ?? 0;
  useEffect(() => {
    if (imp?.status !== 'running') return;
    const s = samples.current;
    s.push({ t: Date.now(), rows });
    if (s.length > 10) s.shift();
  }, [imp?.status, rows]);
  if (!imp) return null;
  if (imp.finishedAt) {
    const ms = new Date(imp.finishedAt).getTime() - new Date(imp.createdAt).getTime();
    return ms > 0 ? (imp.processedRows / ms) * 1000 : null;
  }
  const s = samples.current;
  if (s.length < 2) return null;
  const a = s[0]!;
  const b = s[s.length - 1]!;
  return b.t > a.t ? ((b.rows - a.rows) / (b.t - a.t)) * 1000 : null;
}

const STATUS_COLOR = { queued: 'gray', running: 'blue', completed: 'teal', failed: 'red' } as const;

function Stat({ label, value, color }: { label: string; value: number; color?: string }) {
  return (
    <Card withBorder padding="sm">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color} data-testid={`import-${label.toLowerCase()}`}>
        {value.toLocaleString()}
      </Text>
    </Card>
  );
}

/** Live progress of one import (polled), then its counts and the rows that could not be imported. */
export function ImportProgress({ id }: { id: string }) {
  const q = useQuery(importQuery(id));
  const rate = useRate(q.data);
  if (q.isPending) return <TableSkeleton rows={3} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  const imp = q.data;
  const done = imp.status === 'completed' || imp.status === 'failed';
  const pct = imp.totalRows ? Math.round((imp.processedRows / imp.totalRows) * 100) : done ? 100 : 0;
  const what = ENTITY_LABELS[imp.entity as ImportEntity]?.many ?? imp.entity;
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2} size="h4">
          {imp.filename}
        </Title>
        <Badge color={STATUS_COLOR[imp.status]} variant="light" data-testid="import-status">
          {imp.status}
        </Badge>
      </Group>
      <div>
        <Progress
          value={pct}
          size="xl"
          radius="md"
          animated={!done}
          color={imp.status === 'failed' ? 'red' : done ? 'teal' : 'blue'}
          aria-label="Import progress"
          data-testid="import-progress"
          data-value={pct}
        />
        <Group justify="space-between" mt={6}>
          <Text size="sm" data-testid="import-progress-text">
            {imp.status === 'queued'
              ? 'Waiting for a worker…'
              : `${imp.processedRows.toLocaleString()} of ${imp.totalRows.toLocaleString()} rows (${pct} %)`}
          </Text>
          <Text size="sm" c="dimmed">
            {rate !== null ? `${Math.round(rate).toLocaleString()} rows/s` : ''}
          </Text>
        </Group>
      </div>
      <SimpleGrid cols={{ base: 1, xs: 3 }}>
        <Stat label="Created" value={imp.createdRows} color="teal" />
        <Stat label="Updated" value={imp.updatedRows} color="blue" />
        <Stat label="Failed" value={imp.failedRows} color={imp.failedRows ? 'red' : undefined} />
      </SimpleGrid>
      {imp.status === 'completed' && (
        <Alert
          color={imp.failedRows ? 'yellow' : 'teal'}
          variant="light"
          icon={<IconCircleCheck aria-hidden />}
        >
          Import finished: {imp.createdRows.toLocaleString()} {what} created,{' '}
          {imp.updatedRows.toLocaleString()} updated
          {imp.failedRows ? `, ${imp.failedRows.toLocaleString()} rows could not be imported (below)` : ''}.
        </Alert>
      )}
      {imp.status === 'failed' && (
        <Alert color="red" variant="light" icon={<IconAlertTriangle aria-hidden />}>
          The import stopped after {imp.processedRows.toLocaleString()} rows. Rows written before that are
          kept; start it again to import the rest.
        </Alert>
      )}
      {imp.errors.length > 0 && (
        <div>
          <Text fw={600} mb="xs">
            Rows not imported{imp.failedRows > imp.errors.length ? ` (first ${imp.errors.length})` : ''}
          </Text>
          <Table.ScrollContainer minWidth={420} mah={360}>
            <Table striped aria-label="Rows not imported" stickyHeader>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={90}>Line</Table.Th>
                  <Table.Th>Reason</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {imp.errors.map((e) => (
                  <Table.Tr key={e.line} data-testid={`bad-row-${e.line}`}>
                    <Table.Td>{e.line}</Table.Td>
                    <Table.Td>{e.reason}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </div>
      )}
    </Stack>
  );
}
