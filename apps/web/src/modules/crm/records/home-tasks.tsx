import { Card, Checkbox, Group, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { useMe } from '../../../auth/session';
import { formatDateTime } from '../../../components/format';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import type { Activity } from './crm-api';
import { RecordLink } from './record-link';

function RecordOf({ a }: { a: Activity }) {
  if (a.dealId)
    return (
      <RecordLink entity="deal" id={a.dealId} size="xs">
        deal
      </RecordLink>
    );
  if (a.contactId)
    return (
      <RecordLink entity="contact" id={a.contactId} size="xs">
        contact
      </RecordLink>
    );
  if (a.companyId)
    return (
      <RecordLink entity="company" id={a.companyId} size="xs">
        company
      </RecordLink>
    );
  if (a.leadId)
    return (
      <RecordLink entity="lead" id={a.leadId} size="xs">
        lead
      </RecordLink>
    );
  return null;
}

/** My open tasks, soonest due first; ticking one completes it. */
export function HomeTasks() {
  const me = useMe();
  const queryClient = useQueryClient();
  const tasks = useQuery({
    queryKey: ['crm', 'activities', 'open', me.user.id],
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/crm/activities', {
          params: { query: { type: 'task', open: 'true', assigneeId: me.user.id, limit: 100 } },
        }),
      ),
  });
  const items = [...(tasks.data?.items ?? [])].sort(
    (a, b) => (a.dueAt ? Date.parse(a.dueAt) : Infinity) - (b.dueAt ? Date.parse(b.dueAt) : Infinity),
  );
  const complete = async (a: Activity) => {
    try {
      await unwrap(
        api.PATCH('/api/brain/crm/activities/{id}', { params: { path: { id: a.id } }, body: { done: true } }),
      );
      notifications.show({ message: `Task “${a.subject}” completed`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: ['crm', 'activities'] });
    } catch (err) {
      notifications.show({ message: errorMessage(err), color: 'red' });
    }
  };
  return (
    <Card withBorder padding="lg">
      <Stack gap="sm">
        <Title order={2} size="h4">
          My open tasks
        </Title>
        {tasks.isPending ? (
          <TableSkeleton rows={3} />
        ) : tasks.isError ? (
          <QueryError error={tasks.error} onRetry={() => tasks.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nothing due. Add tasks from any contact, company, lead or deal.
          </Text>
        ) : (
          items.slice(0, 12).map((a) => {
            const overdue = a.dueAt && Date.parse(a.dueAt) < Date.now();
            return (
              <Group key={a.id} justify="space-between" wrap="nowrap">
                <Checkbox label={a.subject || 'Task'} onChange={() => complete(a)} />
                <Group gap={6} wrap="nowrap">
                  <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
                    {a.dueAt ? `due ${formatDateTime(a.dueAt)}` : 'no due date'}
                  </Text>
                  <RecordOf a={a} />
                </Group>
              </Group>
            );
          })
        )}
      </Stack>
    </Card>
  );
}
