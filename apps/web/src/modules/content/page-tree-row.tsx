import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Group, Menu, Paper, Text } from '@mantine/core';
import {
  IconArrowsMove,
  IconDots,
  IconFile,
  IconGripVertical,
  IconHome,
  IconPencil,
  IconPlus,
  IconTrash,
} from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { formatRelative } from '../../components/format';
import type { PageSummary } from './api';
import { PageLink } from './page-link';
import { StatusBadges } from './status-badge';
import type { FlatNode } from './tree-utils';

export interface PageTreeRowProps {
  node: FlatNode;
  depth: number;
  indent: number;
  onAddChild: (parent: PageSummary) => void;
  onMove: (page: PageSummary) => void;
  onDelete: (page: PageSummary) => void;
}

/** One page in the tree: drag handle, title (opens the editor), path, status and actions. */
export function PageTreeRow({ node, depth, indent, onAddChild, onMove, onDelete }: PageTreeRowProps) {
  const { page } = node;
  const navigate = useNavigate();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: node.id,
  });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      px="sm"
      py={6}
      role="treeitem"
      aria-level={depth + 1}
      data-testid={`tree-${page.path}`}
      style={{
        marginLeft: depth * indent,
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.4 : 1,
      }}
    >
      <Group gap="xs" wrap="nowrap">
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={`Drag ${page.title}`}
          style={{ cursor: 'grab', touchAction: 'none' }}
          {...attributes}
          {...listeners}
        >
          <IconGripVertical size={16} aria-hidden />
        </ActionIcon>
        {page.slug === '' ? <IconHome size={16} aria-hidden /> : <IconFile size={16} aria-hidden />}
        <Group gap={8} style={{ flex: 1, minWidth: 0 }} wrap="nowrap">
          <PageLink id={page.id} fw={500} size="sm" truncate>
            {page.title}
          </PageLink>
          <Text size="xs" c="dimmed" ff="monospace" truncate>
            {page.path}
          </Text>
        </Group>
        <StatusBadges page={page} />
        <Text size="xs" c="dimmed" w={90} ta="right" visibleFrom="sm">
          {formatRelative(page.updatedAt)}
        </Text>
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${page.title}`}>
              <IconDots size={16} aria-hidden />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconPencil size={14} aria-hidden />}
              onClick={() => navigate({ to: '/content/pages/$id', params: { id: page.id } })}
            >
              Edit
            </Menu.Item>
            <Menu.Item leftSection={<IconPlus size={14} aria-hidden />} onClick={() => onAddChild(page)}>
              Add child page
            </Menu.Item>
            <Menu.Item leftSection={<IconArrowsMove size={14} aria-hidden />} onClick={() => onMove(page)}>
              Move…
            </Menu.Item>
            <Menu.Item
              color="red"
              leftSection={<IconTrash size={14} aria-hidden />}
              onClick={() => onDelete(page)}
            >
              Delete…
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      </Group>
    </Paper>
  );
}
