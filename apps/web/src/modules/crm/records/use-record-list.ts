import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { type Company, crmKeys, customFieldsQuery, type SavedView, type TableEntity } from './crm-api';
import { fieldsOf } from './entity-fields';
import { type Condition, fromFilter, toFilter } from './filter-model';
import { fetchPage, type ListParams } from './list-api';

/** A table's state (search, filter rows, sort, columns, the open view) and its paged data. */
export function useRecordList(entity: TableEntity) {
  const custom = useQuery(customFieldsQuery(entity));
  const fields = useMemo(() => fieldsOf(entity, custom.data?.items), [entity, custom.data]);
  const [q, setQ] = useState('');
  const [debouncedQ] = useDebouncedValue(q, 250);
  const [conds, setConds] = useState<Condition[]>([]);
  const [sort, setSort] = useState<string>('');
  const [chosenColumns, setColumns] = useState<string[] | null>(null);
  const [view, setView] = useState<SavedView | null>(null);
  const columns = chosenColumns ?? fields.filter((f) => f.column).map((f) => f.key);

  const params: ListParams = useMemo(
    () => ({ q: debouncedQ, filter: toFilter(conds, fields), sort }),
    [debouncedQ, conds, fields, sort],
  );
  const list = useInfiniteQuery({
    queryKey: [...crmKeys.list(entity), params],
    queryFn: ({ pageParam }) => fetchPage(entity, params, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: (prev) => prev,
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  // Contacts show their company's name: one list call for the companies on screen.
  const companyIds = useMemo(
    () =>
      entity === 'contact'
        ? [...new Set(rows.map((r) => (r as { companyId?: string | null }).companyId).filter(Boolean))]
        : [],
    [entity, rows],
  ) as string[];
  const companies = useQuery({
    queryKey: ['crm', 'companies', 'names', companyIds],
    queryFn: () => fetchPage('company', { filter: { id: { in: companyIds } } }, undefined, 200),
    enabled: companyIds.length > 0,
    staleTime: 30_000,
  });
  const companyName = (id: string | null | undefined) =>
    id ? ((companies.data?.items as Company[] | undefined)?.find((c) => c.id === id)?.name ?? null) : null;

  const openView = (v: SavedView | null) => {
    setView(v);
    setQ(v?.query.q ?? '');
    setConds(fromFilter(v?.query.filter, fields));
    setSort(v?.query.sort ?? '');
    // Saved with the view on the hub; a column since removed (a deleted custom field) is dropped.
    setColumns(v?.columns ? v.columns.filter((k) => fields.some((f) => f.key === k)) : null);
  };

  const toggleSort = (key: string) => setSort((s) => (s === key ? `-${key}` : s === `-${key}` ? '' : key));

  return {
    fields,
    customFields: custom.data?.items ?? [],
    q,
    setQ,
    conds,
    setConds,
    sort,
    setSort,
    toggleSort,
    columns,
    setColumns,
    view,
    openView,
    params,
    list,
    rows,
    companyName,
  };
}

export type RecordList = ReturnType<typeof useRecordList>;
