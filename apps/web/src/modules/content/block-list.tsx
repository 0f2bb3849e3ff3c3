import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { Button, Menu, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import type { Block, BlockType } from './api';
import { BlockCard } from './block-card';
import { BLOCK_DEFS, duplicateBlock, newBlock } from './block-defs';

export interface BlockListProps {
  blocks: Block[];
  onChange: (blocks: Block[]) => void;
  /** The types the "Add block" menu offers (columns hold every type but columns). */
  types: BlockType[];
  /** Messages from the hub for a block, by block id. */
  errors?: Record<string, string[]>;
  label: string;
}

/** Blocks in order: drag (mouse, touch or keyboard: space, arrows, space) to reorder; add, duplicate, delete. */
export function BlockList({ blocks, onChange, types, errors = {}, label }: BlockListProps) {
  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const onDragEnd = ({ active, over }: DragEndEvent) => {
    if (!over || active.id === over.id) return;
    const from = blocks.findIndex((b) => b.id === active.id);
    const to = blocks.findIndex((b) => b.id === over.id);
    if (from >= 0 && to >= 0) onChange(arrayMove(blocks, from, to));
  };
  const replace = (i: number, b: Block) => onChange(blocks.map((x, j) => (j === i ? b : x)));
  const insert = (i: number, b: Block) => onChange([...blocks.slice(0, i), b, ...blocks.slice(i)]);

  return (
    <Stack gap="sm">
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <SortableContext items={blocks.map((b) => b.id)} strategy={verticalListSortingStrategy}>
          <Stack gap="sm" aria-label={label} role="list">
            {blocks.map((b, i) => (
              <BlockCard
                key={b.id}
                block={b}
                index={i}
                count={blocks.length}
                errors={errors}
                onChange={(nb) => replace(i, nb)}
                onMove={(to) => onChange(arrayMove(blocks, i, to))}
                onDuplicate={() => insert(i + 1, duplicateBlock(b))}
                onDelete={() => onChange(blocks.filter((_, j) => j !== i))}
              />
            ))}
          </Stack>
        </SortableContext>
      </DndContext>
      {blocks.length === 0 && (
        <Text size="sm" c="dimmed">
          No blocks yet.
        </Text>
      )}
      <AddBlockMenu types={types} onAdd={(t) => onChange([...blocks, newBlock(t)])} label={label} />
    </Stack>
  );
}

export function AddBlockMenu({
  types,
  onAdd,
  label,
}: {
  types: BlockType[];
  onAdd: (t: BlockType) => void;
  label: string;
}) {
  return (
    <Menu position="bottom-start" withinPortal>
      <Menu.Target>
        <Button
          variant="light"
          leftSection={<IconPlus size={16} aria-hidden />}
          w="fit-content"
          aria-label={`Add block to ${label}`}
        >
          Add block
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        {types.map((t) => {
          const d = BLOCK_DEFS[t];
          return (
            <Menu.Item key={t} leftSection={<d.icon size={16} aria-hidden />} onClick={() => onAdd(t)}>
              <Text size="sm">{d.label}</Text>
              <Text size="xs" c="dimmed">
                {d.hint}
              </Text>
            </Menu.Item>
          );
        })}
      </Menu.Dropdown>
    </Menu>
  );
}
