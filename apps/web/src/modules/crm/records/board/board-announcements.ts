import type { Announcements } from '@dnd-kit/core';
import type { Stage } from '../crm-api';
import type { Items } from './use-board-dnd';

/** What screen readers hear while a card moves: the deal's name and the stage it is over. */
export function boardAnnouncements(items: Items, stages: Stage[]): Announcements {
  const all = Object.values(items).flat();
  const dealName = (id: string | number) => all.find((d) => d.id === id)?.name ?? 'The deal';
  const stageOf = (id: string | number | undefined) => {
    if (id === undefined) return undefined;
    const s = String(id);
    const stageId = s.startsWith('stage:')
      ? s.slice(6)
      : Object.keys(items).find((k) => items[k]?.some((d) => d.id === s));
    return stages.find((x) => x.id === stageId)?.name;
  };
  return {
    onDragStart: ({ active }) => `Picked up ${dealName(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over
        ? `${dealName(active.id)} is over ${stageOf(over.id) ?? 'a stage'}.`
        : `${dealName(active.id)} is over no stage.`,
    onDragEnd: ({ active, over }) =>
      over
        ? `${dealName(active.id)} was dropped in ${stageOf(over.id) ?? 'a stage'}.`
        : `${dealName(active.id)} was dropped where it was.`,
    onDragCancel: ({ active }) => `Moving ${dealName(active.id)} was cancelled.`,
  };
}
