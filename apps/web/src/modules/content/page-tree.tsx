import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  type DragMoveEvent,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Paper, Stack, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { errorMessage } from '../../api/errors';
import { movePage, type PageSummary } from './api';
import { notify } from './notify';
import { PageTreeRow } from './page-tree-row';
import { descendantsOf, flattenTree, type Projection, project } from './tree-utils';

const INDENT = 28;

export interface PageTreeProps {
  pages: PageSummary[];
  onAddChild: (parent: PageSummary) => void;
  onMove: (page: PageSummary) => void;
  onDelete: (page: PageSummary) => void;
}

/** The site's pages as a tree: drag a row up or down to reorder, sideways to change its parent. */
export function PageTree({ pages, onAddChild, onMove, onDelete }: PageTreeProps) {
  const queryClient = useQueryClient();
  const nodes = useMemo(() => flattenTree(pages), [pages]);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [overId, setOverId] = useState<string | null>(null);
  const [offsetX, setOffsetX] = useState(0);
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const visible = useMemo(() => {
    if (!activeId) return nodes;
    const hidden = descendantsOf(nodes, activeId);
    hidden.delete(activeId);
    return nodes.filter((n) => !hidden.has(n.id));
  }, [nodes, activeId]);

  const projection: Projection | null =
    activeId && overId ? project(visible, activeId, overId, offsetX, INDENT) : null;

  const reset = () => {
    setActiveId(null);
    setOverId(null);
    setOffsetX(0);
  };

  const onDragEnd = async ({ active }: DragEndEvent) => {
    const p = projection;
    reset();
    const page = pages.find((x) => x.id === active.id);
    if (!p || !page) return;
    const siblings = nodes.filter((n) => n.parentId === page.parentId).map((n) => n.id);
    if (p.parentId === page.parentId && siblings.indexOf(page.id) === p.position) return;
    try {
      await movePage(page.id, p.parentId, p.position);
      notify({ message: `${page.title} was moved`, color: 'teal' });
    } catch (err) {
      notify({ title: 'The page was not moved', message: errorMessage(err), color: 'red' });
    }
    await queryClient.invalidateQueries({ queryKey: ['cms', 'pages'] });
  };

  const active = activeId ? nodes.find((n) => n.id === activeId) : undefined;
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCenter}
      onDragStart={({ active: a }) => {
        setActiveId(String(a.id));
        setOverId(String(a.id));
      }}
      onDragMove={({ delta }: DragMoveEvent) => setOffsetX(delta.x)}
      onDragOver={({ over }) => setOverId(over ? String(over.id) : null)}
      onDragEnd={onDragEnd}
      onDragCancel={reset}
    >
      <SortableContext items={visible.map((n) => n.id)} strategy={verticalListSortingStrategy}>
        <Stack gap={4} role="tree" aria-label="Page tree">
          {visible.map((n) => (
            <PageTreeRow
              key={n.id}
              node={n}
              depth={n.id === activeId && projection ? projection.depth : n.depth}
              indent={INDENT}
              onAddChild={onAddChild}
              onMove={onMove}
              onDelete={onDelete}
            />
          ))}
        </Stack>
      </SortableContext>
      <DragOverlay>
        {active && (
          <Paper withBorder shadow="md" px="sm" py={6}>
            <Text size="sm" fw={500}>
              {active.page.title}
            </Text>
          </Paper>
        )}
      </DragOverlay>
    </DndContext>
  );
}
