import { Badge, Button, Checkbox, Group, Stack, Text, ThemeIcon, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCalendarEvent,
  IconChecklist,
  IconHistory,
  IconMail,
  IconNote,
  IconPhone,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { formatDateTime, formatRelative } from '../../../components/format';
import { QueryError } from '../../../components/query-error';
import { TableSkeleton } from '../../../components/table-skeleton';
import { type CrmEntity, crmKeys, PLURAL, type TimelineItem, useMembers } from './crm-api';

const ICONS = {
  note: IconNote,
  task: IconChecklist,
  call: IconPhone,
  meeting: IconCalendarEvent,
  email: IconMail,
} as const;

const EVENT_LABELS: Record<string, string> = {
  'crm.contact.created': 'Contact created',
  'crm.contact.updated': 'Contact changed',
  'crm.contact.merged': 'Duplicates merged into this contact',
  'crm.company.created': 'Company created',
  'crm.company.updated': 'Company changed',
  'crm.deal.created': 'Deal created',
  'crm.deal.updated': 'Deal changed',
  'crm.deal.stage_changed': 'Moved to another stage',
  'crm.deal.won': 'Deal won',
  'crm.deal.lost': 'Deal lost',
  'crm.deal.reopened': 'Deal reopened',
  'crm.lead.created': 'Lead created',
  'crm.lead.captured': 'Lead captured from a form',
  'crm.lead.updated': 'Lead changed',
  'crm.lead.status_changed': 'Status changed',
  'crm.lead.converted': 'Lead converted',
};

function eventDetail(it: TimelineItem, stageName?: (id: string) => string | undefined): string | null {
  const d = it.data ?? {};
  if (it.type === 'crm.lead.status_changed') return `${d.from} → ${d.to}`;
  if (it.type === 'crm.deal.lost' && d.reason) return String(d.reason);
  if (it.type === 'crm.deal.stage_changed' && stageName)
    return `${stageName(String(d.fromStageId)) ?? 'stage'} → ${stageName(String(d.toStageId)) ?? 'stage'}`;
  if (Array.isArray(d.fields) && d.fields.length) return `Changed: ${d.fields.join(', ')}`;
  return null;
}

/** A record's activities and events, newest first; open tasks can be completed here. */
export function RecordTimeline({
  entity,
  id,
  stageName,
}: {
  entity: CrmEntity;
  id: string;
  stageName?: (id: string) => string | undefined;
}) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const path = `/api/brain/crm/${PLURAL[entity]}/{id}/timeline` as '/api/brain/crm/contacts/{id}/timeline';
  const q = useInfiniteQuery({
    queryKey: crmKeys.timeline(entity, id),
    queryFn: ({ pageParam }) =>
      unwrap(api.GET(path, { params: { path: { id }, query: { limit: 30, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const items = q.data?.pages.flatMap((p) => p.items) ?? [];
  // Ticked boxes show at once; the timeline's answer replaces them (or they untick on an error).
  const [doneNow, setDoneNow] = useState<Record<string, boolean>>({});

  const complete = async (it: TimelineItem, done: boolean) => {
    setDoneNow((m) => ({ ...m, [it.id]: done }));
    try {
      await unwrap(
        api.PATCH('/api/brain/crm/activities/{id}', { params: { path: { id: it.id } }, body: { done } }),
      );
      notifications.show({
        message: done ? `Task “${it.subject}” completed` : 'Task reopened',
        color: 'teal',
      });
      await queryClient.invalidateQueries({ queryKey: crmKeys.timeline(entity, id) });
      queryClient.invalidateQueries({ queryKey: ['crm', 'activities'] });
    } catch (err) {
      notifications.show({ message: errorMessage(err), color: 'red' });
    } finally {
      setDoneNow(({ [it.id]: _, ...rest }) => rest);
    }
  };

  if (q.isPending) return <TableSkeleton rows={3} />;
  if (q.isError) return <QueryError error={q.error} onRetry={() => q.refetch()} />;
  if (!items.length)
    return (
      <Text size="sm" c="dimmed">
        Nothing here yet. Add a note, a task, a call or a meeting above.
      </Text>
    );
  return (
    <Stack>
      <Timeline bulletSize={28} lineWidth={2} aria-label="Timeline">
        {items.map((it) => {
          const Icon =
            it.kind === 'activity' ? (ICONS[it.type as keyof typeof ICONS] ?? IconNote) : IconHistory;
          const isTask = it.kind === 'activity' && it.type === 'task';
          const overdue = isTask && !it.doneAt && it.dueAt && new Date(it.dueAt).getTime() < Date.now();
          const title =
            it.kind === 'activity'
              ? it.subject || it.type.charAt(0).toUpperCase() + it.type.slice(1)
              : (EVENT_LABELS[it.type] ?? it.type);
          const detail = it.kind === 'event' ? eventDetail(it, stageName) : it.body;
          return (
            <Timeline.Item
              key={`${it.kind}-${it.id}`}
              bullet={
                <ThemeIcon size={28} radius="xl" variant={it.kind === 'activity' ? 'light' : 'default'}>
                  <Icon size={15} aria-hidden />
                </ThemeIcon>
              }
              title={
                <Group gap="xs" wrap="nowrap">
                  {isTask ? (
                    <Checkbox
                      label={title}
                      checked={doneNow[it.id] ?? Boolean(it.doneAt)}
                      onChange={(e) => complete(it, e.currentTarget.checked)}
                      styles={{
                        label: { textDecoration: it.doneAt ? 'line-through' : undefined, fontWeight: 500 },
                      }}
                    />
                  ) : (
                    <Text size="sm" fw={it.kind === 'activity' ? 500 : 400}>
                      {title}
                    </Text>
                  )}
                  {it.kind === 'activity' && (
                    <Badge size="xs" variant="light" color="gray">
                      {it.type}
                    </Badge>
                  )}
                </Group>
              }
            >
              {detail && (
                <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={6}>
                  {detail}
                </Text>
              )}
              <Text size="xs" c="dimmed" mt={4} title={formatDateTime(it.at)}>
                {formatRelative(it.at)}
                {it.durationMinutes ? ` · ${it.durationMinutes} min` : ''}
                {isTask && it.dueAt ? ` · due ${formatDateTime(it.dueAt)}` : ''}
                {it.assigneeId ? ` · ${members.nameOf(it.assigneeId)}` : ''}
                {overdue && (
                  <Text span c="red" size="xs" fw={600}>
                    {' '}
                    · overdue
                  </Text>
                )}
              </Text>
            </Timeline.Item>
          );
        })}
      </Timeline>
      {q.hasNextPage && (
        <Button variant="subtle" size="xs" onClick={() => q.fetchNextPage()} loading={q.isFetchingNextPage}>
          Older activity
        </Button>
      )}
    </Stack>
  );
}
