import { useDroppable } from '@dnd-kit/core';
import { SortableContext, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Badge, Group, Paper, ScrollArea, Stack, Text } from '@mantine/core';
import { type Deal, formatMoney, type Stage } from '../crm-api';
import { type CardInfo, SortableDealCard } from './deal-card';

export const columnId = (stageId: string) => `stage:${stageId}`;

const KIND_COLOR = { open: 'blue', won: 'teal', lost: 'red' } as const;

/** One stage: its name, count and total, and its cards in board order (a drop target even when empty). */
export function BoardColumn({
  stage,
  deals,
  count,
  amount,
  currency,
  info,
}: {
  stage: Stage;
  deals: Deal[];
  count: number;
  amount: number;
  currency: string;
  info: CardInfo;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: columnId(stage.id), data: { type: 'column' } });
  return (
    <Paper
      withBorder
      radius="md"
      p="xs"
      w={280}
      miw={280}
      bg={isOver ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-default-hover)'}
      data-testid={`stage-${stage.id}`}
      role="region"
      aria-label={`Stage ${stage.name}`}
    >
      <Stack gap="xs" h="100%">
        <Group justify="space-between" wrap="nowrap" px={4}>
          <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
            <Text fw={600} size="sm" truncate>
              {stage.name}
            </Text>
            <Badge
              size="sm"
              variant="light"
              color={KIND_COLOR[stage.kind]}
              data-testid={`stage-count-${stage.id}`}
            >
              {count}
            </Badge>
          </Group>
          <Text size="xs" c="dimmed" title={`${stage.probability}% probability`}>
            {stage.probability}%
          </Text>
        </Group>
        <Text size="sm" fw={700} px={4} data-testid={`stage-amount-${stage.id}`}>
          {formatMoney(amount, currency)}
        </Text>
        <ScrollArea.Autosize mah="calc(100vh - 340px)" scrollbars="y" type="auto">
          <SortableContext items={deals.map((d) => d.id)} strategy={verticalListSortingStrategy}>
            <Stack gap="xs" ref={setNodeRef} mih={120} pb="xs">
              {deals.map((d) => (
                <SortableDealCard key={d.id} deal={d} info={info} />
              ))}
              {deals.length === 0 && (
                <Text size="xs" c="dimmed" ta="center" py="lg">
                  Drop a deal here
                </Text>
              )}
            </Stack>
          </SortableContext>
        </ScrollArea.Autosize>
        {count > deals.length && (
          <Text size="xs" c="dimmed" ta="center">
            {count - deals.length} more not shown
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
