import { Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { Media } from './api';
import { uploadMedia } from './media-upload';
import { notify } from './notify';

interface Upload {
  name: string;
  progress: number;
  error?: string;
}

/**
 * Drop files here or choose them with the native file input; each upload shows its progress (XHR
 * upload events) and the hub's reason when it refuses a file (type checked by content, size limit).
 */
export function UploadZone({
  onUploaded,
  accept = 'image/*',
}: {
  onUploaded?: (m: Media) => void;
  accept?: string;
}) {
  const queryClient = useQueryClient();
  const inputId = useId();
  const [over, setOver] = useState(false);
  const [uploads, setUploads] = useState<Upload[]>([]);

  const update = (name: string, patch: Partial<Upload>) =>
    setUploads((list) => list.map((u) => (u.name === name ? { ...u, ...patch } : u)));

  const upload = async (files: File[]) => {
    setUploads((list) => [
      ...list.filter((u) => u.progress < 1 && !u.error),
      ...files.map((f) => ({ name: f.name, progress: 0 })),
    ]);
    for (const file of files) {
      try {
        const media = await uploadMedia(file, (p) => update(file.name, { progress: p }));
        update(file.name, { progress: 1 });
        onUploaded?.(media);
      } catch (err) {
        update(file.name, { error: errorMessage(err) });
        notify({
          title: `${file.name} was not uploaded`,
          message: errorMessage(err),
          color: 'red',
        });
      }
    }
    await queryClient.invalidateQueries({ queryKey: ['cms', 'media'] });
  };

  return (
    <Stack gap="xs">
      <Paper
        withBorder
        p="lg"
        radius="md"
        style={{
          borderStyle: 'dashed',
          background: over ? 'var(--mantine-primary-color-light)' : undefined,
          textAlign: 'center',
        }}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const files = Array.from(e.dataTransfer.files);
          if (files.length) void upload(files);
        }}
        data-testid="upload-zone"
      >
        <Group justify="center" gap="xs">
          <IconUpload size={20} aria-hidden />
          <Text size="sm">
            Drop images here or{' '}
            <label
              htmlFor={inputId}
              style={{ color: 'var(--mantine-color-anchor)', cursor: 'pointer', textDecoration: 'underline' }}
            >
              choose files
            </label>
          </Text>
        </Group>
        <input
          id={inputId}
          type="file"
          multiple
          accept={accept}
          aria-label="Upload files"
          style={{ position: 'absolute', width: 1, height: 1, opacity: 0 }}
          onChange={(e) => {
            const files = Array.from(e.currentTarget.files ?? []);
            e.currentTarget.value = '';
            if (files.length) void upload(files);
          }}
        />
      </Paper>
      {uploads.map((u) => (
        <div key={u.name}>
          <Group justify="space-between" gap="xs">
            <Text size="xs" truncate>
              {u.name}
            </Text>
            <Text size="xs" c={u.error ? 'red' : 'dimmed'} role={u.error ? 'alert' : undefined}>
              {u.error ?? (u.progress >= 1 ? 'uploaded' : `${Math.round(u.progress * 100)}%`)}
            </Text>
          </Group>
          <Progress
            value={u.progress * 100}
            color={u.error ? 'red' : undefined}
            size="sm"
            aria-label={`Upload of ${u.name}`}
          />
        </div>
      ))}
    </Stack>
  );
}
