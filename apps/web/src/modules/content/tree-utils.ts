import { arrayMove } from '@dnd-kit/sortable';
import type { PageSummary } from './api';

export interface FlatNode {
  page: PageSummary;
  id: string;
  parentId: string | null;
  depth: number;
  hasChildren: boolean;
}

/** The pages in tree order (parents before children, siblings by position), each with its depth. */
export function flattenTree(pages: PageSummary[]): FlatNode[] {
  const byParent = new Map<string | null, PageSummary[]>();
  const ids = new Set(pages.map((p) => p.id));
  for (const p of pages) {
    const parent = p.parentId && ids.has(p.parentId) ? p.parentId : null;
    byParent.set(parent, [...(byParent.get(parent) ?? []), p]);
  }
  for (const list of byParent.values())
    list.sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
  const out: FlatNode[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const p of byParent.get(parent) ?? []) {
      const hasChildren = (byParent.get(p.id)?.length ?? 0) > 0;
      out.push({ page: p, id: p.id, parentId: parent, depth, hasChildren });
      walk(p.id, depth + 1);
    }
  };
  walk(null, 0);
  return out;
}

/** The node and everything under it. */
export function descendantsOf(nodes: FlatNode[], id: string): Set<string> {
  const out = new Set<string>([id]);
  for (const n of nodes) if (n.parentId && out.has(n.parentId)) out.add(n.id);
  return out;
}

export interface Projection {
  depth: number;
  parentId: string | null;
  /** The index among the new siblings (the `position` for POST /pages/:id/move). */
  position: number;
}

/**
 * Where a dragged node lands (after dnd-kit's sortable-tree example): the row it is over gives the
 * place in the list, the horizontal drag distance the depth (between the next row's depth and one
 * deeper than the previous row).
 */
export function project(
  nodes: FlatNode[],
  activeId: string,
  overId: string,
  offsetX: number,
  indent: number,
): Projection | null {
  const from = nodes.findIndex((n) => n.id === activeId);
  const to = nodes.findIndex((n) => n.id === overId);
  if (from < 0 || to < 0) return null;
  const moved = arrayMove(nodes, from, to);
  const active = nodes[from]!;
  const prev = moved[to - 1];
  const next = moved[to + 1];
  const wanted = active.depth + Math.round(offsetX / indent);
  const max = prev ? prev.depth + 1 : 0;
  const min = next ? next.depth : 0;
  const depth = Math.max(min, Math.min(max, wanted));
  let parentId: string | null = null;
  if (depth > 0 && prev) {
    if (depth === prev.depth) parentId = prev.parentId;
    else if (depth > prev.depth) parentId = prev.id;
    else
      parentId =
        moved
          .slice(0, to)
          .reverse()
          .find((n) => n.depth === depth)?.parentId ?? null;
  }
  const position = moved.slice(0, to).filter((n) => n.parentId === parentId && n.id !== activeId).length;
  return { depth, parentId, position };
}
