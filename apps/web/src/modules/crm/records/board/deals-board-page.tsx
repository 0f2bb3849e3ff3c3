import { closestCorners, DndContext, DragOverlay } from '@dnd-kit/core';
import { Button, Card, Group, ScrollArea, SegmentedControl, Select, Text } from '@mantine/core';
import { IconLayoutKanban, IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../../../api/client';
import { useCan } from '../../../../auth/session';
import { EmptyState } from '../../../../components/empty-state';
import { PageHeader } from '../../../../components/page-header';
import { QueryError } from '../../../../components/query-error';
import { TableSkeleton } from '../../../../components/table-skeleton';
import { crmKeys, type Deal, formatMoney, pipelinesQuery, useMembers } from '../crm-api';
import { LostReasonDialog } from '../lost-reason-dialog';
import { useCompanyNames } from '../record-api';
import { boardAnnouncements } from './board-announcements';
import { BoardColumn } from './board-column';
import { DealCardBody } from './deal-card';
import { DealCreateDialog } from './deal-create-dialog';
import { DealsList } from './deals-list';
import { useBoardDnd } from './use-board-dnd';

const sum = (deals: Deal[]) => deals.reduce((s, d) => s + d.amount, 0);

/** Deals as a kanban per pipeline: drag cards between and within stages (mouse or keyboard). */
export function DealsBoardPage() {
  const pipelines = useQuery(pipelinesQuery);
  const canWrite = useCan('crm:write');
  const members = useMembers();
  const [chosen, setChosen] = useState<string | null>(null);
  const [mode, setMode] = useState<'board' | 'list'>('board');
  const [creating, setCreating] = useState(false);
  const all = pipelines.data?.items ?? [];
  const pipeline = all.find((p) => p.id === chosen) ?? all.find((p) => p.isDefault) ?? all[0];
  const pipelineId = pipeline?.id ?? '';
  const board = useQuery({
    queryKey: crmKeys.board(pipelineId),
    queryFn: () =>
      unwrap(
        api.GET('/api/brain/crm/pipelines/{id}/board', {
          params: { path: { id: pipelineId }, query: { perStage: 100 } },
        }),
      ),
    enabled: Boolean(pipelineId),
  });
  const dnd = useBoardDnd(board.data, pipelineId);
  const shown = Object.values(dnd.items).flat();
  const companyName = useCompanyNames(shown.map((d) => d.companyId).filter((x): x is string => Boolean(x)));
  const info = { companyName, ownerName: members.nameOf };
  const openValue = (board.data?.columns ?? [])
    .filter((c) => c.stage.kind === 'open')
    .reduce((s, c) => s + c.amount, 0);
  const currency = shown[0]?.currency ?? 'USD';

  const actions = (
    <>
      <SegmentedControl
        value={mode}
        onChange={(v) => setMode(v as 'board' | 'list')}
        data={[
          { value: 'board', label: 'Board' },
          { value: 'list', label: 'List' },
        ]}
        aria-label="Show deals as"
      />
      {canWrite && (
        <Button
          leftSection={<IconPlus size={16} aria-hidden />}
          onClick={() => setCreating(true)}
          disabled={!pipeline}
        >
          New deal
        </Button>
      )}
    </>
  );

  return (
    <>
      <PageHeader
        title="Deals"
        description="Your pipeline: drag a card to another stage, or within one to set its priority."
        actions={actions}
      />
      <Group mb="md" gap="md">
        <Select
          aria-label="Pipeline"
          data={all.map((p) => ({ value: p.id, label: p.name }))}
          value={pipelineId || null}
          onChange={setChosen}
          allowDeselect={false}
          w={240}
        />
        {board.data && (
          <Text size="sm" c="dimmed">
            Open pipeline value <b>{formatMoney(openValue, currency)}</b>
          </Text>
        )}
      </Group>
      {pipelines.isError ? (
        <QueryError error={pipelines.error} onRetry={() => pipelines.refetch()} />
      ) : board.isError ? (
        <QueryError error={board.error} onRetry={() => board.refetch()} />
      ) : !board.data ? (
        <Card withBorder>
          <TableSkeleton rows={5} />
        </Card>
      ) : mode === 'list' ? (
        <DealsList pipelineId={pipelineId} stages={board.data.columns.map((c) => c.stage)} info={info} />
      ) : shown.length === 0 && board.data.columns.every((c) => c.count === 0) ? (
        <Card withBorder>
          <EmptyState
            icon={<IconLayoutKanban size={28} aria-hidden />}
            title="No deals in this pipeline yet"
            description="Create a deal, or convert a qualified lead into one."
            action={
              canWrite && (
                <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
                  New deal
                </Button>
              )
            }
          />
        </Card>
      ) : (
        <DndContext
          sensors={dnd.sensors}
          collisionDetection={closestCorners}
          onDragStart={dnd.onDragStart}
          onDragOver={dnd.onDragOver}
          onDragEnd={dnd.onDragEnd}
          onDragCancel={dnd.onDragCancel}
          accessibility={{
            announcements: boardAnnouncements(
              dnd.items,
              board.data.columns.map((col) => col.stage),
            ),
            screenReaderInstructions: {
              draggable:
                'To pick up a deal, press space or enter. Use the arrow keys to move it between stages and within a stage. Press space or enter again to drop it, or escape to cancel.',
            },
          }}
        >
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm" aria-label="Deal board">
              {board.data.columns.map((col) => {
                const deals = dnd.items[col.stage.id] ?? [];
                return (
                  <BoardColumn
                    key={col.stage.id}
                    stage={col.stage}
                    deals={deals}
                    count={col.count + deals.length - col.deals.length}
                    amount={col.amount + sum(deals) - sum(col.deals)}
                    currency={currency}
                    info={info}
                  />
                );
              })}
            </Group>
          </ScrollArea>
          <DragOverlay>
            {dnd.activeDeal && <DealCardBody deal={dnd.activeDeal} info={info} dragging />}
          </DragOverlay>
        </DndContext>
      )}
      <DealCreateDialog pipeline={pipeline} opened={creating} onClose={() => setCreating(false)} />
      <LostReasonDialog
        opened={Boolean(dnd.lost.deal)}
        dealName={dnd.lost.deal?.name ?? 'the deal'}
        onCancel={dnd.lost.cancel}
        onConfirm={dnd.lost.confirm}
      />
    </>
  );
}
