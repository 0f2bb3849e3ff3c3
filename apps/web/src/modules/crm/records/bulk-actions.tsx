import { Button, Group, Modal, Paper, Select, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconEdit } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../../api/errors';
import { ConfirmButton } from '../../../components/confirm-button';
import { crmKeys, PLURAL, type TableEntity, useMembers } from './crm-api';
import { LEAD_STATUSES } from './entity-fields';
import { type BulkSet, bulkDelete, bulkUpdate } from './list-api';

const KEEP = '__keep';
const NONE = '__none';

/** What to do with the selected rows: change owner, tags (and status for leads), or delete them. */
export function BulkActions({
  entity,
  selected,
  onDone,
}: {
  entity: TableEntity;
  selected: string[];
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const members = useMembers();
  const [editing, setEditing] = useState(false);
  const [owner, setOwner] = useState(KEEP);
  const [addTags, setAddTags] = useState<string[]>([]);
  const [removeTags, setRemoveTags] = useState<string[]>([]);
  const [status, setStatus] = useState(KEEP);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const n = selected.length;
  const what = n === 1 ? PLURAL[entity].replace(/ies$/, 'y').replace(/s$/, '') : PLURAL[entity];

  const refresh = () => queryClient.invalidateQueries({ queryKey: crmKeys.list(entity) });
  const apply = async () => {
    const set: BulkSet = {};
    if (owner !== KEEP) set.ownerId = owner === NONE ? null : owner;
    if (addTags.length) set.addTags = addTags;
    if (removeTags.length) set.removeTags = removeTags;
    if (status !== KEEP) set.status = status;
    setBusy(true);
    setError(undefined);
    try {
      const updated = await bulkUpdate(entity, selected, set);
      notifications.show({ message: `${updated} ${PLURAL[entity]} updated`, color: 'teal' });
      setEditing(false);
      setOwner(KEEP);
      setAddTags([]);
      setRemoveTags([]);
      setStatus(KEEP);
      onDone();
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async () => {
    const deleted = await bulkDelete(entity, selected);
    notifications.show({ message: `${deleted} ${PLURAL[entity]} deleted`, color: 'teal' });
    onDone();
    await refresh();
  };

  return (
    <Paper withBorder p="xs" radius="md" bg="var(--mantine-color-blue-light)">
      <Group gap="sm">
        <Text size="sm" fw={500}>
          {n} {what} selected
        </Text>
        <Button size="xs" leftSection={<IconEdit size={14} aria-hidden />} onClick={() => setEditing(true)}>
          Update selected
        </Button>
        <ConfirmButton
          size="xs"
          title={`Delete ${n} ${what}?`}
          message="Their activities are kept on the other records they are linked to. This cannot be undone."
          confirmLabel="Delete"
          onConfirm={remove}
        >
          Delete selected
        </ConfirmButton>
        <Button size="xs" variant="subtle" color="gray" onClick={onDone}>
          Clear selection
        </Button>
      </Group>
      <Modal opened={editing} onClose={() => setEditing(false)} title={`Update ${n} ${what}`} centered>
        <Stack>
          <Select
            label="Owner"
            data={[
              { value: KEEP, label: 'Keep as is' },
              { value: NONE, label: 'No owner' },
              ...members.options,
            ]}
            value={owner}
            onChange={(v) => setOwner(v ?? KEEP)}
            allowDeselect={false}
          />
          {entity === 'lead' && (
            <Select
              label="Status"
              data={[
                { value: KEEP, label: 'Keep as is' },
                ...LEAD_STATUSES.filter((s) => s !== 'converted').map((s) => ({ value: s, label: s })),
              ]}
              value={status}
              onChange={(v) => setStatus(v ?? KEEP)}
              allowDeselect={false}
            />
          )}
          <TagsInput label="Add tags" value={addTags} onChange={setAddTags} clearable />
          <TagsInput label="Remove tags" value={removeTags} onChange={setRemoveTags} clearable />
          {error && (
            <Text c="red" size="sm" role="alert">
              {error}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setEditing(false)}>
              Cancel
            </Button>
            <Button onClick={apply} loading={busy}>
              Apply to {n}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}
