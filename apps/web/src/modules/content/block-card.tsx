import { useSortable } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { ActionIcon, Alert, Badge, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCopy, IconGripVertical, IconTrash } from '@tabler/icons-react';
import type { Block, LeafBlock } from './api';
import { BLOCK_DEFS, blockSummary } from './block-defs';
import { LeafBlockFields } from './block-fields';
import { ColumnsFields } from './columns-fields';

export interface BlockCardProps {
  block: Block;
  index: number;
  count: number;
  errors: Record<string, string[]>;
  onChange: (b: Block) => void;
  onMove: (to: number) => void;
  onDuplicate: () => void;
  onDelete: () => void;
}

/** One block: its drag handle and tools, and its inline form. */
export function BlockCard({
  block,
  index,
  count,
  errors,
  onChange,
  onMove,
  onDuplicate,
  onDelete,
}: BlockCardProps) {
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({
      id: block.id,
    });
  const def = BLOCK_DEFS[block.type];
  const name = `${def.label} block ${index + 1}`;
  const own = errors[block.id];
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      p="sm"
      role="listitem"
      aria-label={name}
      data-block-type={block.type}
      data-block-id={block.id}
      style={{
        transform: CSS.Translate.toString(transform),
        transition,
        opacity: isDragging ? 0.5 : 1,
        position: 'relative',
        zIndex: isDragging ? 2 : undefined,
        borderColor: own ? 'var(--mantine-color-red-6)' : undefined,
      }}
    >
      <Stack gap="xs">
        <Group gap="xs" wrap="nowrap">
          <ActionIcon
            ref={setActivatorNodeRef}
            variant="subtle"
            color="gray"
            aria-label={`Drag ${name}`}
            style={{ cursor: 'grab', touchAction: 'none' }}
            {...attributes}
            {...listeners}
          >
            <IconGripVertical size={16} aria-hidden />
          </ActionIcon>
          <Badge variant="light" leftSection={<def.icon size={12} aria-hidden />} tt="none">
            {def.label}
          </Badge>
          <Text size="xs" c="dimmed" truncate style={{ flex: 1 }}>
            {blockSummary(block)}
          </Text>
          <Tooltip label="Move up">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move ${name} up`}
              disabled={index === 0}
              onClick={() => onMove(index - 1)}
            >
              <IconArrowUp size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Move down">
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Move ${name} down`}
              disabled={index === count - 1}
              onClick={() => onMove(index + 1)}
            >
              <IconArrowDown size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Duplicate">
            <ActionIcon variant="subtle" color="gray" aria-label={`Duplicate ${name}`} onClick={onDuplicate}>
              <IconCopy size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label="Delete">
            <ActionIcon variant="subtle" color="red" aria-label={`Delete ${name}`} onClick={onDelete}>
              <IconTrash size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
        {own && (
          <Alert color="red" variant="light" p="xs" role="alert">
            {own.join('; ')}
          </Alert>
        )}
        {block.type === 'columns' ? (
          <ColumnsFields block={block} onChange={onChange} errors={errors} />
        ) : (
          <LeafBlockFields block={block} onChange={(b: LeafBlock) => onChange(b)} />
        )}
      </Stack>
    </Paper>
  );
}
