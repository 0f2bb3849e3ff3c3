import { Anchor, Button, Group, Image, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { fieldErrorsOf } from '../../api/form-errors';
import { ConfirmButton } from '../../components/confirm-button';
import { formatDateTime } from '../../components/format';
import { deleteMedia, type Media, patchMedia, thumbUrl } from './api';
import { formatBytes } from './media-grid';
import { notify } from './notify';

/** One file: preview, variants, alt text and file name editing, delete. */
export function MediaDetailDialog({
  media,
  canWrite,
  onClose,
}: {
  media: Media | null;
  canWrite: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [alt, setAlt] = useState('');
  const [filename, setFilename] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setAlt(media?.alt ?? '');
    setFilename(media?.filename ?? '');
    setErrors({});
  }, [media]);
  if (!media) return null;
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['cms', 'media'] });
  const save = async () => {
    setBusy(true);
    try {
      await patchMedia(media.id, { alt, filename });
      queryClient.removeQueries({ queryKey: ['cms', 'media-one', media.id] });
      await refresh();
      notify({ message: 'Saved', color: 'teal' });
      onClose();
    } catch (err) {
      setErrors(fieldErrorsOf(err));
      notify({ title: 'Not saved', message: errorMessage(err), color: 'red' });
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    await deleteMedia(media.id);
    await refresh();
    notify({ message: `${media.filename} was deleted`, color: 'teal' });
    onClose();
  };
  return (
    <Modal opened onClose={onClose} title={media.filename} size="lg">
      <Stack>
        {media.mime.startsWith('image/') && (
          <Image src={thumbUrl(media, 800)} alt={media.alt} radius="sm" mah={360} fit="contain" />
        )}
        <Text size="xs" c="dimmed">
          {media.mime} · {media.width && media.height ? `${media.width}×${media.height} · ` : ''}
          {formatBytes(media.size)} · uploaded {formatDateTime(media.createdAt)} ·{' '}
          <Anchor href={media.url} target="_blank" rel="noreferrer" size="xs">
            original
          </Anchor>
          {media.variants.length > 0 &&
            ` · variants ${media.variants.map((v) => `${v.width}w ${v.format}`).join(', ')}`}
        </Text>
        <Textarea
          label="Alt text"
          description="Describe the image for people who cannot see it"
          autosize
          minRows={2}
          value={alt}
          error={errors.alt}
          readOnly={!canWrite}
          onChange={(e) => setAlt(e.currentTarget.value)}
        />
        <TextInput
          label="File name"
          value={filename}
          error={errors.filename}
          readOnly={!canWrite}
          onChange={(e) => setFilename(e.currentTarget.value)}
        />
        {canWrite && (
          <Group justify="space-between">
            <ConfirmButton
              title={`Delete ${media.filename}?`}
              message="The file and its variants are removed. Pages that show it lose the image. This cannot be undone."
              confirmLabel="Delete"
              onConfirm={remove}
            >
              Delete
            </ConfirmButton>
            <Button onClick={save} loading={busy}>
              Save
            </Button>
          </Group>
        )}
      </Stack>
    </Modal>
  );
}
