import { Button, Group, Image, Modal, Paper, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconPhoto, IconSearch } from '@tabler/icons-react';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState } from '../../components/empty-state';
import { QueryError } from '../../components/query-error';
import { TableSkeleton } from '../../components/table-skeleton';
import { type Media, mediaListQuery, mediaQuery, thumbUrl } from './api';
import { MediaGrid } from './media-grid';
import { UploadZone } from './upload-zone';

/** The media library as a dialog: search, upload, choose one. */
export function MediaPicker({
  opened,
  onClose,
  onPick,
}: {
  opened: boolean;
  onClose: () => void;
  onPick: (m: Media) => void;
}) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 250);
  const media = useInfiniteQuery({
    ...mediaListQuery(debounced),
    enabled: opened,
    placeholderData: keepPreviousData,
  });
  const items = media.data?.pages.flatMap((p) => p.items) ?? [];
  const pick = (m: Media) => {
    onPick(m);
    onClose();
  };
  return (
    <Modal opened={opened} onClose={onClose} title="Choose an image" size="xl">
      <Stack>
        <UploadZone onUploaded={pick} />
        <TextInput
          aria-label="Search media"
          placeholder="Search by file name or alt text"
          leftSection={<IconSearch size={14} aria-hidden />}
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
        />
        {media.isPending ? (
          <TableSkeleton rows={2} />
        ) : media.isError ? (
          <QueryError error={media.error} onRetry={() => media.refetch()} />
        ) : items.length === 0 ? (
          <EmptyState
            title="No media yet"
            description="Upload an image above; it is chosen as soon as it has arrived."
          />
        ) : (
          <>
            <MediaGrid items={items} onPick={pick} />
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
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** A chosen image (by id) with buttons to change or remove it. */
export function MediaField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string | undefined;
  onChange: (media: Media | null) => void;
}) {
  const [open, setOpen] = useState(false);
  const media = useQuery({ ...mediaQuery(value ?? ''), enabled: !!value });
  return (
    <div>
      <Text size="sm" fw={500} mb={4}>
        {label}
      </Text>
      <Paper withBorder p="xs">
        <Group gap="sm" wrap="nowrap">
          {value && media.data ? (
            <Image
              src={thumbUrl(media.data, 160)}
              alt={media.data.alt}
              w={96}
              h={64}
              fit="cover"
              radius="sm"
            />
          ) : (
            <IconPhoto size={32} aria-hidden color="var(--mantine-color-dimmed)" />
          )}
          <Text size="xs" c="dimmed" style={{ flex: 1 }} truncate>
            {value ? (media.data?.filename ?? (media.isError ? 'not found' : '…')) : 'No image chosen'}
          </Text>
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => setOpen(true)}
            aria-label={`Choose ${label}`}
          >
            {value ? 'Change' : 'Choose'}
          </Button>
          {value && (
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => onChange(null)}>
              Remove
            </Button>
          )}
        </Group>
      </Paper>
      <MediaPicker opened={open} onClose={() => setOpen(false)} onPick={(m) => onChange(m)} />
    </div>
  );
}
