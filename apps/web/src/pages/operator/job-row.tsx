import { Badge, Button, Code, Group, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { errorMessage } from '../../api/errors';
import { ConfirmButton } from '../../components/confirm-button';
import { formatDateTime, formatRelative } from '../../components/format';
import type { Job, JobState } from './operator-api';

export const STATE_COLOR: Record<JobState, string> = {
  queued: 'blue',
  scheduled: 'gray',
  running: 'teal',
  failed: 'red',
};

/** One job: task, state, attempts, when; failed ones show their error; retry and cancel unless running. */
export function JobRow({ job: j }: { job: Job }) {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['operator', 'jobs'] });
  const retry = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/brain/platform/jobs/{id}/retry', { params: { path: { id: j.id } } })),
    onSuccess: () => {
      notifications.show({ message: `Job ${j.id} (${j.task}) will run again now`, color: 'teal' });
      return refresh();
    },
    onError: (err) =>
      notifications.show({ title: 'Could not retry', message: errorMessage(err), color: 'red' }),
  });
  const cancel = async () => {
    await unwrap(api.DELETE('/api/brain/platform/jobs/{id}', { params: { path: { id: j.id } } }));
    notifications.show({ message: `Job ${j.id} was cancelled`, color: 'teal' });
    await refresh();
  };
  const running = j.state === 'running';
  return (
    <Table.Tr data-testid={`job-${j.id}`}>
      <Table.Td>
        <Text size="sm" fw={500} ff="monospace">
          {j.task}
        </Text>
        <Text size="xs" c="dimmed">
          #{j.id}
          {j.tenantId ? ` · tenant ${j.tenantId.slice(0, 8)}…` : ' · system'}
        </Text>
        {j.lastError && (
          <Code
            block
            fz="xs"
            mt={6}
            c={j.state === 'failed' ? 'red' : undefined}
            maw={520}
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            aria-label="Last error"
          >
            {j.lastError}
          </Code>
        )}
      </Table.Td>
      <Table.Td>
        <Badge variant="light" color={STATE_COLOR[j.state]}>
          {j.state}
        </Badge>
      </Table.Td>
      <Table.Td>
        <Text size="sm" data-testid="attempts">
          {j.attempts} / {j.maxAttempts}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" title={formatDateTime(j.runAt)}>
          {formatRelative(j.runAt)}
        </Text>
        <Text size="xs" c="dimmed">
          created {formatRelative(j.createdAt)}
        </Text>
      </Table.Td>
      <Table.Td>
        {running ? (
          <Text size="xs" c="dimmed">
            {j.lockedBy ? `on ${j.lockedBy}` : 'running'}
          </Text>
        ) : (
          <Group gap="xs" wrap="nowrap">
            <Button
              size="xs"
              variant="light"
              loading={retry.isPending}
              onClick={() => retry.mutate()}
              aria-label={`Retry job ${j.id}`}
            >
              {j.state === 'failed' ? 'Retry' : 'Run now'}
            </Button>
            <ConfirmButton
              size="xs"
              title={`Cancel job ${j.id}?`}
              message={`The ${j.task} job is removed from the queue and will not run. This cannot be undone.`}
              confirmLabel="Cancel the job"
              onConfirm={cancel}
              aria-label={`Cancel job ${j.id}`}
            >
              Cancel
            </ConfirmButton>
          </Group>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
