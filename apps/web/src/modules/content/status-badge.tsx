import { Badge, Group, Tooltip } from '@mantine/core';
import { formatDateTime } from '../../components/format';
import type { PageSummary } from './api';

export type PageState = 'draft' | 'live' | 'changes' | 'unpublished';

export function pageState(p: Pick<PageSummary, 'status' | 'hasUnpublishedChanges'>): PageState {
  if (p.status === 'published') return p.hasUnpublishedChanges ? 'changes' : 'live';
  return p.status === 'unpublished' ? 'unpublished' : 'draft';
}

const LOOK: Record<PageState, { label: string; color: string }> = {
  draft: { label: 'draft', color: 'gray' },
  live: { label: 'live', color: 'teal' },
  changes: { label: 'live + changes', color: 'yellow' },
  unpublished: { label: 'unpublished', color: 'orange' },
};

/** Draft / live / live + changes / unpublished, and a "scheduled" badge when a publish or unpublish is due. */
export function StatusBadges({
  page,
}: {
  page: Pick<PageSummary, 'status' | 'hasUnpublishedChanges' | 'publishAt' | 'unpublishAt'>;
}) {
  const look = LOOK[pageState(page)];
  return (
    <Group gap={4} wrap="nowrap">
      <Badge size="sm" variant="light" color={look.color} tt="none">
        {look.label}
      </Badge>
      {page.publishAt && (
        <Tooltip label={`Publishes ${formatDateTime(page.publishAt)}`}>
          <Badge size="sm" variant="outline" color="blue" tt="none">
            scheduled
          </Badge>
        </Tooltip>
      )}
      {page.unpublishAt && (
        <Tooltip label={`Unpublishes ${formatDateTime(page.unpublishAt)}`}>
          <Badge size="sm" variant="outline" color="orange" tt="none">
            ends {new Date(page.unpublishAt).toLocaleDateString()}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}
