import {
  closestCenter,
  DndContext,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  ActionIcon,
  Button,
  Card,
  Group,
  SegmentedControl,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconGripVertical, IconPlus, IconTrash } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import { type NavItem, type PageSummary, pagesQuery, type Site, updateSite } from './api';
import { newBlockId } from './block-defs';
import { notify } from './notify';

type Row = NavItem & { key: string };

function NavRow({
  row,
  pages,
  onChange,
  onRemove,
  disabled,
}: {
  row: Row;
  pages: PageSummary[];
  onChange: (r: Row) => void;
  onRemove: () => void;
  disabled: boolean;
}) {
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id: row.key });
  const isPage = row.url === undefined;
  return (
    <Group
      ref={setNodeRef}
      gap="xs"
      wrap="nowrap"
      style={{ transform: CSS.Translate.toString(transform), transition }}
    >
      <ActionIcon
        variant="subtle"
        color="gray"
        aria-label={`Drag ${row.label || 'link'}`}
        {...attributes}
        {...listeners}
      >
        <IconGripVertical size={16} aria-hidden />
      </ActionIcon>
      <TextInput
        aria-label="Label"
        placeholder="Label"
        value={row.label}
        w={180}
        readOnly={disabled}
        onChange={(e) => onChange({ ...row, label: e.currentTarget.value })}
      />
      <SegmentedControl
        size="xs"
        value={isPage ? 'page' : 'url'}
        disabled={disabled}
        data={[
          { value: 'page', label: 'Page' },
          { value: 'url', label: 'URL' },
        ]}
        onChange={(v) =>
          onChange(
            v === 'page'
              ? { key: row.key, label: row.label, pageId: '' }
              : { key: row.key, label: row.label, url: '' },
          )
        }
      />
      {isPage ? (
        <Select
          aria-label="Page"
          placeholder="Choose a page"
          searchable
          style={{ flex: 1 }}
          value={row.pageId || null}
          disabled={disabled}
          data={pages.map((p) => ({ value: p.id, label: `${p.title} (${p.path})` }))}
          onChange={(v) => {
            const p = pages.find((x) => x.id === v);
            onChange({ ...row, pageId: v ?? '', label: row.label || p?.title || '' });
          }}
        />
      ) : (
        <TextInput
          aria-label="URL"
          placeholder="https://… or /path"
          style={{ flex: 1 }}
          value={row.url}
          readOnly={disabled}
          onChange={(e) => onChange({ ...row, url: e.currentTarget.value })}
        />
      )}
      <ActionIcon
        variant="subtle"
        color="red"
        aria-label={`Remove ${row.label || 'link'}`}
        onClick={onRemove}
        disabled={disabled}
      >
        <IconTrash size={16} aria-hidden />
      </ActionIcon>
    </Group>
  );
}

/** The site's menu: links to pages or URLs, in order (drag to reorder). */
export function NavigationEditor({ site, canWrite }: { site: Site; canWrite: boolean }) {
  const queryClient = useQueryClient();
  const pages = useQuery(pagesQuery(site.id, { kind: 'page' }));
  const [rows, setRows] = useState<Row[]>(() =>
    (site.navigation ?? []).map((n) => ({ ...n, key: newBlockId() })),
  );
  const [busy, setBusy] = useState(false);
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const save = async () => {
    setBusy(true);
    try {
      const navigation = rows.map(({ key: _k, ...n }) =>
        n.url !== undefined ? { label: n.label, url: n.url } : { label: n.label, pageId: n.pageId },
      );
      await updateSite(site.id, { navigation });
      await queryClient.invalidateQueries({ queryKey: ['cms', 'site', site.id] });
      notify({ message: 'Navigation saved', color: 'teal' });
    } catch (err) {
      notify({ title: 'Navigation not saved', message: errorMessage(err), color: 'red' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card withBorder padding="lg">
      <Stack>
        <Title order={2} size="h4">
          Navigation
        </Title>
        {rows.length === 0 && (
          <Text size="sm" c="dimmed">
            No menu links yet.
          </Text>
        )}
        <DndContext
          sensors={sensors}
          collisionDetection={closestCenter}
          onDragEnd={({ active, over }) => {
            if (!over || active.id === over.id) return;
            const from = rows.findIndex((r) => r.key === active.id);
            const to = rows.findIndex((r) => r.key === over.id);
            setRows(arrayMove(rows, from, to));
          }}
        >
          <SortableContext items={rows.map((r) => r.key)} strategy={verticalListSortingStrategy}>
            <Stack gap="xs">
              {rows.map((r, i) => (
                <NavRow
                  key={r.key}
                  row={r}
                  pages={pages.data ?? []}
                  disabled={!canWrite}
                  onChange={(nr) => setRows(rows.map((x, j) => (j === i ? nr : x)))}
                  onRemove={() => setRows(rows.filter((_, j) => j !== i))}
                />
              ))}
            </Stack>
          </SortableContext>
        </DndContext>
        {canWrite && (
          <Group justify="space-between">
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => setRows([...rows, { key: newBlockId(), label: '', pageId: '' }])}
            >
              Add link
            </Button>
            <Button onClick={save} loading={busy}>
              Save navigation
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
