import { Button, Group, Modal, NumberInput, Select, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { FormError } from '../../components/form-error';
import { movePage, type PageSummary } from './api';
import { notify } from './notify';
import { descendantsOf, flattenTree } from './tree-utils';

/** Move a page under another parent and to a position, without dragging. */
export function PageMoveDialog({
  page,
  pages,
  onClose,
}: {
  page: PageSummary | null;
  pages: PageSummary[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [parentId, setParentId] = useState<string | null>(null);
  const [position, setPosition] = useState<number>(0);
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (page) {
      setParentId(page.parentId);
      setPosition(page.position);
      setError(undefined);
    }
  }, [page]);
  if (!page) return null;
  const excluded = descendantsOf(flattenTree(pages), page.id);
  const options = pages
    .filter((p) => p.kind === 'page' && !excluded.has(p.id))
    .map((p) => ({ value: p.id, label: `${p.title} (${p.path})` }));
  const move = async () => {
    setBusy(true);
    try {
      await movePage(page.id, parentId, position);
      notify({ message: `${page.title} was moved`, color: 'teal' });
      await queryClient.invalidateQueries({ queryKey: ['cms', 'pages'] });
      onClose();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal opened onClose={onClose} title={`Move ${page.title}`} centered>
      <Stack>
        <FormError message={error} />
        <Select
          label="Parent page"
          placeholder="None (top level)"
          clearable
          searchable
          data={options}
          value={parentId}
          onChange={setParentId}
        />
        <NumberInput
          label="Position among its siblings"
          min={0}
          value={position}
          onChange={(v) => setPosition(Number(v) || 0)}
        />
        {page.status === 'published' && (
          <Text size="xs" c="dimmed">
            The page is live: its old address will redirect (301) to the new one.
          </Text>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button onClick={move} loading={busy}>
            Move
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
