import { Button, Card, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPhoto, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useCan } from '../../auth/session';
import { EmptyState } from '../../components/empty-state';
import { PageHeader } from '../../components/page-header';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { type Media, mediaListQuery } from './api';
import { MediaDetailDialog } from './media-detail-dialog';
import { MediaGrid } from './media-grid';
import { UploadZone } from './upload-zone';

/** /content/media: every image of the tenant; upload, search, alt text, delete. */
export function MediaLibraryPage() {
  const canWrite = useCan('cms:write');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const [open, setOpen] = useState<Media | null>(null);
  const media = useInfiniteQuery({ ...mediaListQuery(debounced), placeholderData: keepPreviousData });
  const items = media.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <>
      <PageHeader
        title="Media library"
        description="Images for your pages and posts. Each upload gets responsive WebP variants; give every image alt text."
      />
      <Stack gap="md">
        {canWrite && <UploadZone />}
        <Card withBorder padding="md">
          <Group mb="md" justify="space-between">
            <TextInput
              aria-label="Search media"
              placeholder="Search by file name or alt text"
              leftSection={<IconSearch size={14} aria-hidden />}
              value={q}
              onChange={(e) => setQ(e.currentTarget.value)}
              w={320}
            />
            {media.data && (
              <Text size="sm" c="dimmed">
                {items.length} {items.length === 1 ? 'file' : 'files'}
                {media.hasNextPage ? ' shown, more below' : ''}
              </Text>
            )}
          </Group>
          {media.isPending ? (
            <TableSkeleton />
          ) : media.isError ? (
            <QueryError error={media.error} onRetry={() => media.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState
              icon={<IconPhoto size={28} aria-hidden />}
              title={q ? 'Nothing matches' : 'No media yet'}
              description={q ? 'Try another word.' : 'Drop images on the zone above, or choose files.'}
            />
          ) : (
            <MediaGrid
              items={items}
              onPick={setOpen}
              footer={(m) =>
                m.alt ? null : (
                  <Text size="xs" c="orange">
                    no alt text
                  </Text>
                )
              }
            />
          )}
        </Card>
        {media.hasNextPage && (
          <Button
            variant="default"
            onClick={() => media.fetchNextPage()}
            loading={media.isFetchingNextPage}
            w="fit-content"
          >
            Load more
          </Button>
        )}
      </Stack>
      <MediaDetailDialog media={open} canWrite={canWrite} onClose={() => setOpen(null)} />
    </>
  );
}
