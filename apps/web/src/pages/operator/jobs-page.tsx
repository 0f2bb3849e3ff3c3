import { Button, Card, Center, Group, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconClockPlay, IconRefresh } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { JobRow } from './job-row';
import type { JobState } from './operator-api';

const PAGE = 50;
const TABS: { value: JobState | 'all'; label: string }[] = [
  { value: 'all', label: 'All' },
  { value: 'queued', label: 'Queued' },
  { value: 'scheduled', label: 'Scheduled' },
  { value: 'running', label: 'Running' },
  { value: 'failed', label: 'Failed' },
];

const EMPTY: Record<JobState | 'all', string> = {
  all: 'The queue is empty: every job has run. Jobs appear here while they wait, run or fail.',
  queued: 'Nothing is waiting to run.',
  scheduled: 'No job is scheduled for later.',
  running: 'No job is running right now.',
  failed: 'No failed jobs. Jobs that use up all their attempts wait here for a retry.',
};

/** The job queue across tenants, by state; failed jobs with their error; retry and cancel. */
export function OperatorJobsPage() {
  const [state, setState] = useState<JobState | 'all'>('all');
  const [task, setTask] = useState('');
  const [taskFilter] = useDebouncedValue(task.trim(), 300);
  const jobs = useInfiniteQuery({
    queryKey: ['operator', 'jobs', state, taskFilter],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/brain/platform/jobs', {
          params: {
            query: {
              limit: PAGE,
              ...(state !== 'all' ? { state } : {}),
              ...(taskFilter ? { task: taskFilter } : {}),
              ...(pageParam ? { before: pageParam } : {}),
            },
          },
        }),
      ),
    getNextPageParam: (last) => (last.items.length === PAGE ? last.items.at(-1)?.id : undefined),
    refetchInterval: 10_000,
  });
  const items = jobs.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <PageHeader
        title="Jobs"
        description="The background job queue across all tenants. Failed jobs keep their last error until retried or cancelled."
        actions={
          <Button
            variant="default"
            leftSection={<IconRefresh size={16} aria-hidden />}
            onClick={() => jobs.refetch()}
            loading={jobs.isRefetching && !jobs.isFetchingNextPage}
          >
            Refresh
          </Button>
        }
      />
      <Group justify="space-between" align="flex-end" mb="md" gap="sm">
        <Tabs value={state} onChange={(v) => setState((v as JobState | 'all') ?? 'all')}>
          <Tabs.List>
            {TABS.map((t) => (
              <Tabs.Tab key={t.value} value={t.value}>
                {t.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <TextInput
          label="Task"
          placeholder="e.g. identity:send-mail"
          value={task}
          onChange={(e) => setTask(e.currentTarget.value)}
          w={{ base: '100%', xs: 260 }}
        />
      </Group>
      <Card withBorder padding="lg">
        {jobs.isPending ? (
          <TableSkeleton rows={5} />
        ) : jobs.isError ? (
          <QueryError error={jobs.error} onRetry={() => jobs.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            icon={<IconClockPlay size={28} aria-hidden />}
            title={taskFilter ? `No ${taskFilter} jobs here` : 'No jobs here'}
            description={
              taskFilter ? 'The task name must match exactly; clear it to see every task.' : EMPTY[state]
            }
          />
        ) : (
          <>
            <Table.ScrollContainer minWidth={820}>
              <Table verticalSpacing="sm" aria-label="Jobs">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Task</Table.Th>
                    <Table.Th>State</Table.Th>
                    <Table.Th>Attempts</Table.Th>
                    <Table.Th>Runs</Table.Th>
                    <Table.Th>Actions</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((j) => (
                    <JobRow key={j.id} job={j} />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <Center mt="md">
              {jobs.hasNextPage ? (
                <Button
                  variant="light"
                  onClick={() => jobs.fetchNextPage()}
                  loading={jobs.isFetchingNextPage}
                >
                  Load more
                </Button>
              ) : (
                <Text size="sm" c="dimmed">
                  {items.length} {items.length === 1 ? 'job' : 'jobs'}
                </Text>
              )}
            </Center>
          </>
        )}
      </Card>
    </>
  );
}
