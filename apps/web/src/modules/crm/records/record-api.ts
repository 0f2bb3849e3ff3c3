import { useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { type Company, type Contact, type CrmEntity, crmKeys, PLURAL, personName } from './crm-api';
import { fetchPage } from './list-api';

// The four record routes share one shape; the path differs only in the entity's plural.
const onePath = (e: CrmEntity) => `/api/brain/crm/${PLURAL[e]}/{id}` as '/api/brain/crm/contacts/{id}';

/** One record, loaded by id. */
export function useRecord<T>(entity: CrmEntity, id: string) {
  return useQuery({
    queryKey: crmKeys.record(entity, id),
    queryFn: async () => (await unwrap(api.GET(onePath(entity), { params: { path: { id } } }))) as T,
  });
}

/** PATCH a record and put the answer into the cache (lists refetch when next shown). */
export function usePatchRecord<T>(entity: CrmEntity, id: string) {
  const queryClient = useQueryClient();
  return async (body: Record<string, unknown>) => {
    const updated = (await unwrap(
      api.PATCH(onePath(entity), { params: { path: { id } }, body: body as never }),
    )) as T;
    queryClient.setQueryData(crmKeys.record(entity, id), updated);
    await queryClient.invalidateQueries({ queryKey: crmKeys.timeline(entity, id) });
    queryClient.invalidateQueries({ queryKey: crmKeys.list(entity) });
    return updated;
  };
}

/** The record's custom field editor saves one key: `{ custom: { key: value } }` (null removes it). */
export const customPatch = (key: string, value: unknown) => ({ custom: { [key]: value } });

/** Companies as Select options (the first 200 by name), for linking a contact or a deal. */
export function useCompanyOptions() {
  const q = useQuery({
    queryKey: ['crm', 'companies', 'options'],
    queryFn: () => fetchPage('company', { sort: 'name' }, undefined, 200),
    staleTime: 30_000,
  });
  const items = (q.data?.items ?? []) as Company[];
  return {
    options: items.map((c) => ({ value: c.id, label: c.name })),
    nameOf: (id: string | null | undefined) => items.find((c) => c.id === id)?.name ?? null,
  };
}

/** Contacts as Select options (the first 200 by last name), for linking a deal. */
export function useContactOptions() {
  const q = useQuery({
    queryKey: ['crm', 'contacts', 'options'],
    queryFn: () => fetchPage('contact', { sort: 'lastName' }, undefined, 200),
    staleTime: 30_000,
  });
  const items = (q.data?.items ?? []) as Contact[];
  return {
    options: items.map((c) => ({ value: c.id, label: personName(c, c.emails[0] ?? 'Unnamed') })),
    nameOf: (id: string | null | undefined) => {
      const c = items.find((x) => x.id === id);
      return c ? personName(c, c.emails[0] ?? 'Unnamed') : null;
    },
  };
}

/** Names of the given companies (one list call filtered by id). */
export function useCompanyNames(ids: string[]) {
  const unique = [...new Set(ids)].sort();
  const q = useQuery({
    queryKey: ['crm', 'companies', 'names', unique],
    queryFn: () => fetchPage('company', { filter: { id: { in: unique } } }, undefined, 200),
    enabled: unique.length > 0,
    staleTime: 30_000,
  });
  return (id: string | null | undefined) =>
    id ? ((q.data?.items as Company[] | undefined)?.find((c) => c.id === id)?.name ?? null) : null;
}
