import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { deletePage, type PageSummary } from './api';
import { notify } from './notify';

/** Deleting a page asks first; the hub refuses pages that still have children (its reason is shown). */
export function PageDeleteDialog({ page, onClose }: { page: PageSummary | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(undefined);
    onClose();
  };
  const remove = async () => {
    if (!page) return;
    setBusy(true);
    setError(undefined);
    try {
      await deletePage(page.id);
      await queryClient.invalidateQueries({ queryKey: ['cms', 'pages'] });
      notify({ message: `${page.title} was deleted`, color: 'teal' });
      close();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened={page !== null} onClose={close} title={`Delete ${page?.title ?? ''}?`} centered>
      <Stack>
        <Text size="sm">
          The page, its draft and its revisions are removed
          {page?.status === 'published' ? ', and it disappears from the public site' : ''}. This cannot be
          undone.
        </Text>
        {error && (
          <Text size="sm" c="red" role="alert">
            {error}
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={close} disabled={busy}>
            Cancel
          </Button>
          <Button color="red" onClick={remove} loading={busy} data-autofocus>
            Delete
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
