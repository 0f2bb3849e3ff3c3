import { api, unwrap } from '../../../api/client';
import { type CrmRecord, PLURAL, type TableEntity } from './crm-api';
import type { Filter } from './filter-model';

export interface ListParams {
  q?: string;
  filter?: Filter;
  sort?: string;
}

export interface Page {
  items: CrmRecord[];
  nextCursor: string | null;
}

// One code path for three lists of the same shape: the paths differ only in the entity's plural.
const listPath = (e: TableEntity) => `/api/brain/crm/${PLURAL[e]}` as '/api/brain/crm/contacts';

function query(p: ListParams) {
  return {
    q: p.q?.trim() || undefined,
    filter: p.filter ? JSON.stringify(p.filter) : undefined,
    sort: p.sort || undefined,
  };
}

/** One page of a filtered, searched, sorted list (cursor pagination). */
export async function fetchPage(entity: TableEntity, p: ListParams, cursor?: string, limit = 50) {
  const page = await unwrap(api.GET(listPath(entity), { params: { query: { ...query(p), cursor, limit } } }));
  return page as Page;
}

export interface BulkSet {
  ownerId?: string | null;
  addTags?: string[];
  removeTags?: string[];
  status?: string;
}

/** Bulk update by ids (every table entity has a bulk route; `status` is for leads only). */
export async function bulkUpdate(entity: TableEntity, ids: string[], set: BulkSet) {
  const { status, ...rest } = set;
  const path = `/api/brain/crm/${PLURAL[entity]}/bulk-update` as '/api/brain/crm/leads/bulk-update';
  const body = entity === 'lead' && status ? { ...rest, status: status as 'new' } : rest;
  const res = await unwrap(api.POST(path, { body: { ids, set: body } }));
  return res.updated;
}

export async function bulkDelete(entity: TableEntity, ids: string[]) {
  const path = `/api/brain/crm/${PLURAL[entity]}/bulk-delete` as '/api/brain/crm/contacts/bulk-delete';
  const res = await unwrap(api.POST(path, { body: { ids } }));
  return res.deleted;
}

/** Downloads the filtered list as CSV (the `/…/export` routes stream every matching record). */
export async function exportCsv(entity: TableEntity, p: ListParams) {
  const path = `/api/brain/crm/${PLURAL[entity]}/export` as '/api/brain/crm/contacts/export';
  const blob = (await unwrap(api.GET(path, { params: { query: query(p) }, parseAs: 'blob' }))) as Blob;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${PLURAL[entity]}.csv`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
