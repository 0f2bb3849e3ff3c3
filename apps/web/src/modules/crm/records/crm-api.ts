import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, type paths, unwrap } from '../../../api/client';

type Ok<P extends keyof paths, M extends 'get' | 'post' | 'patch'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : never
  : never;

export type Contact = Ok<'/api/brain/crm/contacts/{id}', 'get'>;
export type Company = Ok<'/api/brain/crm/companies/{id}', 'get'>;
export type Lead = Ok<'/api/brain/crm/leads/{id}', 'get'>;
export type Deal = Ok<'/api/brain/crm/deals/{id}', 'get'>;
export type Pipeline = Ok<'/api/brain/crm/pipelines/{id}', 'get'>;
export type Stage = Pipeline['stages'][number];
export type Board = Ok<'/api/brain/crm/pipelines/{id}/board', 'get'>;
export type BoardColumn = Board['columns'][number];
export type CustomField = Ok<'/api/brain/crm/custom-fields', 'get'>['items'][number];
export type SavedView = Ok<'/api/brain/crm/views', 'get'>['items'][number];
export type TimelineItem = Ok<'/api/brain/crm/contacts/{id}/timeline', 'get'>['items'][number];
export type Activity = Ok<'/api/brain/crm/activities/{id}', 'get'>;
export type LeadScore = Ok<'/api/brain/crm/scoring/leads/{id}', 'post'>;
export type DuplicateGroup = Ok<'/api/brain/crm/contacts/duplicates', 'get'>['items'][number];
export type Member = Ok<'/api/brain/identity/members', 'get'>['items'][number];

/** The three record kinds with a table page; deals have the board. */
export type TableEntity = 'contact' | 'company' | 'lead';
export type CrmEntity = TableEntity | 'deal';
export type CrmRecord = Contact | Company | Lead;

export const PLURAL: Record<CrmEntity, 'contacts' | 'companies' | 'leads' | 'deals'> = {
  contact: 'contacts',
  company: 'companies',
  lead: 'leads',
  deal: 'deals',
};

export const crmKeys = {
  all: ['crm'] as const,
  list: (entity: CrmEntity) => ['crm', PLURAL[entity], 'list'] as const,
  record: (entity: CrmEntity, id: string) => ['crm', PLURAL[entity], 'one', id] as const,
  timeline: (entity: CrmEntity, id: string) => ['crm', PLURAL[entity], 'timeline', id] as const,
  board: (pipelineId: string) => ['crm', 'board', pipelineId] as const,
};

export const customFieldsQuery = (entity: CrmEntity) =>
  queryOptions({
    queryKey: ['crm', 'custom-fields', entity],
    queryFn: () => unwrap(api.GET('/api/brain/crm/custom-fields', { params: { query: { entity } } })),
    staleTime: 60_000,
  });

export const viewsQuery = (entity: CrmEntity) =>
  queryOptions({
    queryKey: ['crm', 'views', entity],
    queryFn: () => unwrap(api.GET('/api/brain/crm/views', { params: { query: { entity } } })),
  });

export const pipelinesQuery = queryOptions({
  queryKey: ['crm', 'pipelines'],
  queryFn: () => unwrap(api.GET('/api/brain/crm/pipelines')),
  staleTime: 30_000,
});

export const membersQuery = queryOptions({
  queryKey: ['identity', 'members'],
  queryFn: () => unwrap(api.GET('/api/brain/identity/members')),
  staleTime: 60_000,
});

/** Members of the tenant (owners and assignees): a name for a user id, and Select options. */
export function useMembers() {
  const members = useQuery(membersQuery);
  const items = members.data?.items ?? [];
  return {
    items,
    options: items.map((m) => ({ value: m.userId, label: m.name || m.email })),
    nameOf: (id: string | null | undefined) => {
      if (!id) return null;
      const m = items.find((x) => x.userId === id);
      return m ? m.name || m.email : 'Unknown user';
    },
  };
}

/** A person's display name from first/last (and an e-mail when both are empty). */
export function personName(r: { firstName: string; lastName: string }, fallback = 'Unnamed'): string {
  return `${r.firstName} ${r.lastName}`.trim() || fallback;
}

/** Amounts for people: "$12,500" (no cents unless there are any). */
export function formatMoney(amount: number, currency = 'USD'): string {
  try {
    return new Intl.NumberFormat(undefined, {
      style: 'currency',
      currency,
      maximumFractionDigits: amount % 1 === 0 ? 0 : 2,
    }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** Lead score colour: hot ≥ 70, warm ≥ 40, cold below, grey when not scored yet. */
export function scoreColor(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'gray';
  if (score >= 70) return 'green';
  if (score >= 40) return 'yellow';
  return 'red';
}
