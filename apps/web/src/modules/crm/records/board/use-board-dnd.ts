import {
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api, unwrap } from '../../../../api/client';
import { errorMessage } from '../../../../api/errors';
import { type Board, crmKeys, type Deal } from '../crm-api';

type MoveBody = { stageId: string; afterId?: string; beforeId?: string };

/** Cards by stage id, in board order. */
export type Items = Record<string, Deal[]>;

const fromBoard = (b: Board): Items => Object.fromEntries(b.columns.map((c) => [c.stage.id, c.deals]));

function containerOf(items: Items, id: string): string | undefined {
  if (id.startsWith('stage:')) return id.slice(6);
  return Object.keys(items).find((k) => items[k]?.some((d) => d.id === id));
}

function neighbours(items: Items, stageId: string, id: string) {
  const list = items[stageId] ?? [];
  const i = list.findIndex((d) => d.id === id);
  return { afterId: list[i - 1]?.id, beforeId: list[i + 1]?.id };
}

/**
 * The kanban's drag and drop: cards move between columns while dragging (so the drop shows where
 * they land), one PATCH /deals/:id/move on drop with the neighbours, rollback when it fails.
 */
export function useBoardDnd(board: Board | undefined, pipelineId: string) {
  const queryClient = useQueryClient();
  const [items, setItems] = useState<Items>({});
  const [activeId, setActiveId] = useState<string | null>(null);
  const snapshot = useRef<Items>({});
  const dragging = useRef(false);

  useEffect(() => {
    if (board && !dragging.current) setItems(fromBoard(board));
  }, [board]);

  const sensors = useSensors(
    // Mouse after 5 px; touch after a short press, so a swipe still scrolls the board on phones.
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    useSensor(TouchSensor, { activationConstraint: { delay: 200, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  const onDragStart = ({ active }: DragStartEvent) => {
    dragging.current = true;
    snapshot.current = items;
    setActiveId(String(active.id));
  };

  const onDragOver = ({ active, over }: DragOverEvent) => {
    if (!over) return;
    const id = String(active.id);
    setItems((prev) => {
      const from = containerOf(prev, id);
      const to = containerOf(prev, String(over.id));
      if (!from || !to || from === to) return prev;
      const source = prev[from] ?? [];
      const target = prev[to] ?? [];
      const deal = source.find((d) => d.id === id);
      if (!deal) return prev;
      const overIndex = target.findIndex((d) => d.id === over.id);
      const translated = active.rect.current.translated;
      const below = translated && translated.top > over.rect.top + over.rect.height / 2;
      const at = overIndex >= 0 ? overIndex + (below ? 1 : 0) : target.length;
      return {
        ...prev,
        [from]: source.filter((d) => d.id !== id),
        [to]: [...target.slice(0, at), { ...deal, stageId: to }, ...target.slice(at)],
      };
    });
  };

  const finish = () => {
    dragging.current = false;
    setActiveId(null);
  };

  const onDragCancel = () => {
    setItems(snapshot.current);
    finish();
  };

  const onDragEnd = async ({ active, over }: DragEndEvent) => {
    const id = String(active.id);
    const before = snapshot.current;
    let next = items;
    const to = over ? containerOf(items, String(over.id)) : undefined;
    if (!over || !to) {
      setItems(before);
      finish();
      return;
    }
    const list = items[to] ?? [];
    const oldIndex = list.findIndex((d) => d.id === id);
    const newIndex = list.findIndex((d) => d.id === over.id);
    if (oldIndex >= 0 && newIndex >= 0 && oldIndex !== newIndex)
      next = { ...items, [to]: arrayMove(list, oldIndex, newIndex) };
    setItems(next);
    finish();

    const from = containerOf(before, id);
    const was = from ? neighbours(before, from, id) : { afterId: undefined, beforeId: undefined };
    const now = neighbours(next, to, id);
    if (from === to && was.afterId === now.afterId && was.beforeId === now.beforeId) return;
    const body = {
      stageId: to,
      ...(now.afterId ? { afterId: now.afterId } : {}),
      ...(now.beforeId ? { beforeId: now.beforeId } : {}),
    };
    // Into a lost stage: ask why first (the card waits there; cancelling puts it back).
    const kind = board?.columns.find((c) => c.stage.id === to)?.stage.kind;
    if (kind === 'lost' && from !== to) {
      setPendingLost({ id, before, body });
      return;
    }
    await commit(id, before, body);
  };

  /** PATCH /deals/:id/move (then the lost reason, when given); rolls back to `before` on failure. */
  const commit = async (id: string, before: Items, body: MoveBody, lostReason?: string) => {
    try {
      let moved = await unwrap(
        api.PATCH('/api/brain/crm/deals/{id}/move', { params: { path: { id } }, body }),
      );
      if (lostReason)
        moved = await unwrap(
          api.POST('/api/brain/crm/deals/{id}/lost', {
            params: { path: { id } },
            body: { reason: lostReason },
          }),
        );
      const to = body.stageId;
      setItems((cur) => ({ ...cur, [to]: (cur[to] ?? []).map((d) => (d.id === id ? moved : d)) }));
      queryClient.setQueryData(crmKeys.record('deal', id), moved);
      await queryClient.invalidateQueries({ queryKey: crmKeys.board(pipelineId) });
    } catch (err) {
      setItems(before);
      notifications.show({ title: 'The deal could not be moved', message: errorMessage(err), color: 'red' });
    }
  };

  const [pendingLost, setPendingLost] = useState<{ id: string; before: Items; body: MoveBody } | null>(null);
  const lost = {
    deal: pendingLost
      ? Object.values(items)
          .flat()
          .find((d) => d.id === pendingLost.id)
      : undefined,
    confirm: async (reason: string) => {
      if (!pendingLost) return;
      setPendingLost(null);
      await commit(pendingLost.id, pendingLost.before, pendingLost.body, reason);
    },
    cancel: () => {
      if (pendingLost) setItems(pendingLost.before);
      setPendingLost(null);
    },
  };

  const activeDeal = activeId
    ? Object.values(items)
        .flat()
        .find((d) => d.id === activeId)
    : undefined;

  return { items, sensors, activeDeal, lost, onDragStart, onDragOver, onDragEnd, onDragCancel };
}
