import { Button, Group, Paper, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Block, ColumnsBlock, LeafBlock } from './api';
import { LEAF_ORDER } from './block-defs';
import { BlockList } from './block-list';

/** 2 or 3 columns, each its own list of (non-columns) blocks. */
export function ColumnsFields({
  block,
  onChange,
  errors,
}: {
  block: ColumnsBlock;
  onChange: (b: ColumnsBlock) => void;
  errors: Record<string, string[]>;
}) {
  const setColumn = (i: number, blocks: Block[]) =>
    onChange({
      ...block,
      columns: block.columns.map((c, j) => (j === i ? { blocks: blocks as LeafBlock[] } : c)),
    });
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="xs" c="dimmed">
          {block.columns.length} columns
        </Text>
        {block.columns.length < 3 && (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => onChange({ ...block, columns: [...block.columns, { blocks: [] }] })}
          >
            Add a column
          </Button>
        )}
        {block.columns.length > 2 && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            onClick={() => onChange({ ...block, columns: block.columns.slice(0, -1) })}
          >
            Remove the last column
          </Button>
        )}
      </Group>
      <SimpleGrid cols={{ base: 1, md: block.columns.length }} spacing="sm">
        {block.columns.map((col, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: columns have no ids; their index is their identity
          <Paper key={i} withBorder p="xs" bg="var(--mantine-color-default-hover)">
            <BlockList
              label={`Column ${i + 1}`}
              blocks={col.blocks}
              types={LEAF_ORDER}
              errors={errors}
              onChange={(blocks) => setColumn(i, blocks)}
            />
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
