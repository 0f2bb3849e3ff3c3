import { Button, Checkbox, Group, Modal, Popover, Select, Stack, Switch, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconColumns, IconDeviceFloppy } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../api/client';
import { errorMessage } from '../../../api/errors';
import { ConfirmButton } from '../../../components/confirm-button';
import type { TableEntity } from './crm-api';
import { PLURAL, viewsQuery } from './crm-api';
import type { RecordList } from './use-record-list';

/** Saved views (pick, save the current filters/sort/columns, update, delete) and the column chooser. */
export function ViewsBar({ entity, list }: { entity: TableEntity; list: RecordList }) {
  const queryClient = useQueryClient();
  const views = useQuery(viewsQuery(entity));
  const [saving, setSaving] = useState(false);
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [error, setError] = useState<string>();
  const items = views.data?.items ?? [];
  const query = {
    q: list.params.q || undefined,
    filter: list.params.filter,
    sort: list.params.sort || undefined,
  };

  const refresh = () => queryClient.invalidateQueries({ queryKey: viewsQuery(entity).queryKey });
  const save = async () => {
    setError(undefined);
    try {
      const v = await unwrap(
        api.POST('/api/brain/crm/views', {
          body: { entity, name: name.trim(), query, columns: list.columns, shared },
        }),
      );
      await refresh();
      list.openView(v);
      setSaving(false);
      setName('');
      notifications.show({ message: `View “${v.name}” saved`, color: 'teal' });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const update = async () => {
    if (!list.view) return;
    try {
      const v = await unwrap(
        api.PATCH('/api/brain/crm/views/{id}', {
          params: { path: { id: list.view.id } },
          body: { query, columns: list.columns },
        }),
      );
      list.openView(v);
      await refresh();
      notifications.show({ message: `View “${v.name}” updated`, color: 'teal' });
    } catch (err) {
      notifications.show({ message: errorMessage(err), color: 'red' });
    }
  };
  const remove = async () => {
    if (!list.view) return;
    await unwrap(api.DELETE('/api/brain/crm/views/{id}', { params: { path: { id: list.view.id } } }));
    notifications.show({ message: `View “${list.view.name}” deleted`, color: 'teal' });
    list.openView(null);
    await refresh();
  };

  return (
    <Group gap="xs" wrap="wrap">
      <Select
        aria-label="Saved view"
        size="xs"
        w={220}
        data={[
          { value: '', label: `All ${PLURAL[entity]}` },
          ...items.map((v) => ({ value: v.id, label: v.shared ? `${v.name} (shared)` : v.name })),
        ]}
        value={list.view?.id ?? ''}
        onChange={(id) => list.openView(items.find((v) => v.id === id) ?? null)}
        allowDeselect={false}
      />
      <Button
        size="xs"
        variant="default"
        leftSection={<IconDeviceFloppy size={14} aria-hidden />}
        onClick={() => setSaving(true)}
      >
        Save view
      </Button>
      {list.view && (
        <>
          <Button size="xs" variant="subtle" onClick={update}>
            Update view
          </Button>
          <ConfirmButton
            size="xs"
            variant="subtle"
            title={`Delete the view “${list.view.name}”?`}
            message="The view goes away for everyone it is shared with. The records stay."
            confirmLabel="Delete view"
            onConfirm={remove}
          >
            Delete view
          </ConfirmButton>
        </>
      )}
      <Popover position="bottom-end" shadow="md" withinPortal>
        <Popover.Target>
          <Button size="xs" variant="default" leftSection={<IconColumns size={14} aria-hidden />}>
            Columns
          </Button>
        </Popover.Target>
        <Popover.Dropdown>
          {/* Checkboxes (not menu items): each says whether its column is shown. */}
          <Stack gap={6} role="group" aria-label="Columns shown">
            {list.fields.map((f) => (
              <Checkbox
                key={f.key}
                size="xs"
                label={f.label}
                checked={list.columns.includes(f.key)}
                onChange={() =>
                  list.setColumns(
                    list.columns.includes(f.key)
                      ? list.columns.filter((k) => k !== f.key)
                      : list.fields.map((x) => x.key).filter((k) => k === f.key || list.columns.includes(k)),
                  )
                }
              />
            ))}
          </Stack>
        </Popover.Dropdown>
      </Popover>
      <Modal opened={saving} onClose={() => setSaving(false)} title="Save view" centered>
        <Stack>
          <TextInput
            label="View name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={error}
            data-autofocus
            onKeyDown={(e) => e.key === 'Enter' && name.trim() && save()}
          />
          <Switch
            label="Share with everyone in this tenant"
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setSaving(false)}>
              Cancel
            </Button>
            <Button onClick={save} disabled={!name.trim()}>
              Save
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Group>
  );
}
