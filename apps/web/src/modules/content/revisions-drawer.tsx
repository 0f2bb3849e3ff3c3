import {
  Badge,
  Button,
  Drawer,
  Group,
  Paper,
  ScrollArea,
  Select,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '../../components/confirm-button';
import { formatDateTime, formatRelative } from '../../components/format';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { diffQuery, type PageDetail, type Revision, restoreRevision, revisionsQuery } from './api';
import { DiffView } from './diff-view';
import { notify } from './notify';
import { useAuthorNames } from './use-author-names';

/** The page's revisions, newest first: compare one with the live version or another revision, restore it. */
export function RevisionsDrawer({
  page,
  opened,
  onClose,
  canWrite,
  onRestored,
}: {
  page: PageDetail;
  opened: boolean;
  onClose: () => void;
  canWrite: boolean;
  onRestored: (p: PageDetail) => Promise<void>;
}) {
  const revisions = useQuery({ ...revisionsQuery(page.id), enabled: opened });
  const nameOf = useAuthorNames(opened);
  const authorOf = (r: Revision) => (r.createdBy ? nameOf(r.createdBy) : 'the system (scheduled)');
  const [selected, setSelected] = useState<string | null>(null);
  const [against, setAgainst] = useState<string>('live');
  const list = [...(revisions.data ?? [])].sort((a, b) => b.number - a.number);
  const current = list.find((r) => r.id === selected) ?? list[0];
  const diff = useQuery({
    ...diffQuery(page.id, current?.id ?? '', against),
    enabled:
      opened && !!current && against !== current?.id && (against !== 'live' || page.status === 'published'),
  });

  const restore = async (r: Revision) => {
    const p = await restoreRevision(page.id, r.id);
    await onRestored(p);
    notify({ message: `Revision ${r.number} was restored into the draft`, color: 'teal' });
  };

  return (
    <Drawer opened={opened} onClose={onClose} title="Revision history" position="right" size="xl">
      {revisions.isPending ? (
        <TableSkeleton />
      ) : revisions.isError ? (
        <QueryError error={revisions.error} onRetry={() => revisions.refetch()} />
      ) : (
        <Group align="flex-start" gap="md" wrap="nowrap">
          <ScrollArea.Autosize mah="80vh" w={220} type="auto">
            <Stack gap={4} role="listbox" aria-label="Revisions">
              {list.map((r) => (
                <UnstyledButton
                  key={r.id}
                  onClick={() => setSelected(r.id)}
                  role="option"
                  aria-selected={current?.id === r.id}
                >
                  <Paper
                    withBorder
                    p="xs"
                    bg={current?.id === r.id ? 'var(--mantine-primary-color-light)' : undefined}
                  >
                    <Group gap={6}>
                      <Text size="sm" fw={600}>
                        #{r.number}
                      </Text>
                      {r.published && (
                        <Badge size="xs" color="teal" variant="light">
                          published
                        </Badge>
                      )}
                      {r.isLive && (
                        <Badge size="xs" color="teal">
                          live
                        </Badge>
                      )}
                    </Group>
                    <Text size="xs" c="dimmed">
                      {authorOf(r)} · {formatRelative(r.createdAt)}
                    </Text>
                    {r.message && (
                      <Text size="xs" lineClamp={2}>
                        {r.message}
                      </Text>
                    )}
                  </Paper>
                </UnstyledButton>
              ))}
            </Stack>
          </ScrollArea.Autosize>
          {current && (
            <Stack gap="sm" style={{ flex: 1, minWidth: 0 }}>
              <Group justify="space-between">
                <div>
                  <Text fw={600}>Revision {current.number}</Text>
                  <Text size="xs" c="dimmed">
                    {formatDateTime(current.createdAt)} by {authorOf(current)}
                  </Text>
                </div>
                {canWrite && (
                  <ConfirmButton
                    size="xs"
                    color="blue"
                    title={`Restore revision ${current.number}?`}
                    message="Its content becomes the draft, saved as a new revision. The live page does not change until you publish."
                    confirmLabel="Restore"
                    onConfirm={() => restore(current)}
                  >
                    Restore this revision
                  </ConfirmButton>
                )}
              </Group>
              <Select
                label="Compare with"
                value={against}
                onChange={(v) => setAgainst(v ?? 'live')}
                allowDeselect={false}
                data={[
                  {
                    value: 'live',
                    label: page.status === 'published' ? 'The live version' : 'The live version (none)',
                  },
                  ...list
                    .filter((r) => r.id !== current.id)
                    .map((r) => ({ value: r.id, label: `Revision ${r.number}` })),
                ]}
              />
              {against === 'live' && page.status !== 'published' ? (
                <Text size="sm" c="dimmed">
                  The page is not live; compare with another revision.
                </Text>
              ) : diff.isPending ? (
                <TableSkeleton rows={2} />
              ) : diff.isError ? (
                <QueryError error={diff.error} />
              ) : (
                <DiffView diff={diff.data} />
              )}
            </Stack>
          )}
        </Group>
      )}
      {canWrite ? null : (
        <Button variant="subtle" onClick={onClose}>
          Close
        </Button>
      )}
    </Drawer>
  );
}
