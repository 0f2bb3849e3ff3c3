import { queryOptions } from '@tanstack/react-query';
import { api, type paths, unwrap } from '../../../api/client';

type Ok<P extends keyof paths, M extends 'get' | 'post' | 'patch' | 'put'> = paths[P][M] extends {
  responses: infer R;
}
  ? R extends { 200: { content: { 'application/json': infer J } } }
    ? J
    : R extends { 201: { content: { 'application/json': infer J } } }
      ? J
      : R extends { 202: { content: { 'application/json': infer J } } }
        ? J
        : never
  : never;

const P = '/api/brain/crm' as const;

export type ImportRecord = Ok<'/api/brain/crm/imports/{id}', 'get'>;
export type ImportEntity = 'contact' | 'company' | 'lead' | 'deal';
export type CustomField = Ok<'/api/brain/crm/custom-fields', 'get'>['items'][number];
export type CrmForm = Ok<'/api/brain/crm/forms/{id}', 'get'>;
export type FormFieldDef = CrmForm['fields'][number];
export type ScoringRule = Ok<'/api/brain/crm/scoring/rules', 'get'>['items'][number];
export type ScoringModel = Ok<'/api/brain/crm/scoring/model', 'get'>;
export type Pipeline = Ok<'/api/brain/crm/pipelines', 'get'>['items'][number];
export type DealsByStage = Ok<'/api/brain/crm/reports/deals-by-stage', 'get'>;
export type WinRate = Ok<'/api/brain/crm/reports/win-rate', 'get'>;
export type LeadConversion = Ok<'/api/brain/crm/reports/lead-conversion', 'get'>;
export type Forecast = Ok<'/api/brain/crm/reports/forecast', 'get'>;
export type ActivityByOwner = Ok<'/api/brain/crm/reports/activity-by-owner', 'get'>;

export const crmKeys = {
  imports: ['crm', 'imports'] as const,
  forms: ['crm', 'forms'] as const,
  scoring: ['crm', 'scoring'] as const,
  reports: ['crm', 'reports'] as const,
};

export const importsQuery = queryOptions({
  queryKey: crmKeys.imports,
  queryFn: () => unwrap(api.GET(`${P}/imports`, { params: { query: { limit: 20 } } })),
});

/** One import, polled every half second while it is queued or running. */
export const importQuery = (id: string) =>
  queryOptions({
    queryKey: [...crmKeys.imports, id],
    queryFn: () => unwrap(api.GET(`${P}/imports/{id}`, { params: { path: { id } } })),
    refetchInterval: (q) => {
      const s = q.state.data?.status;
      return s === 'completed' || s === 'failed' ? false : 500;
    },
  });

export const customFieldsQuery = (entity: ImportEntity) =>
  queryOptions({
    queryKey: ['crm', 'custom-fields', entity],
    queryFn: () => unwrap(api.GET(`${P}/custom-fields`, { params: { query: { entity } } })),
  });

/**
 * Starts an import: the CSV text goes up as text/csv (up to 20 MiB), the mapping (and, for deals,
 * the pipeline) in the query.
 */
export function startImport(input: {
  entity: ImportEntity;
  filename: string;
  csv: string;
  mapping: Record<string, string>;
  pipelineId?: string;
}) {
  return unwrap(
    api.POST(`${P}/imports/csv`, {
      params: {
        query: {
          entity: input.entity,
          filename: input.filename,
          mapping: JSON.stringify(input.mapping),
          ...(input.entity === 'deal' && input.pipelineId ? { pipelineId: input.pipelineId } : {}),
        },
      },
      body: input.csv,
      bodySerializer: (b: string) => b,
      headers: { 'content-type': 'text/csv' },
    }),
  );
}

export const formsQuery = queryOptions({
  queryKey: crmKeys.forms,
  queryFn: () => unwrap(api.GET(`${P}/forms`)),
});

export const formQuery = (id: string) =>
  queryOptions({
    queryKey: [...crmKeys.forms, id],
    queryFn: () => unwrap(api.GET(`${P}/forms/{id}`, { params: { path: { id } } })),
  });

/** The embed snippet is HTML, not JSON: fetched as text. */
export const embedQuery = (id: string, updatedAt: string) =>
  queryOptions({
    queryKey: [...crmKeys.forms, id, 'embed', updatedAt],
    queryFn: () =>
      unwrap(
        api.GET(`${P}/forms/{id}/embed`, { params: { path: { id } }, parseAs: 'text' }),
      ) as Promise<string>,
  });

export const rulesQuery = queryOptions({
  queryKey: [...crmKeys.scoring, 'rules'],
  queryFn: () => unwrap(api.GET(`${P}/scoring/rules`)),
});

export const modelQuery = queryOptions({
  queryKey: [...crmKeys.scoring, 'model'],
  queryFn: () => unwrap(api.GET(`${P}/scoring/model`)),
});

export const pipelinesQuery = queryOptions({
  queryKey: ['crm', 'pipelines'],
  queryFn: () => unwrap(api.GET(`${P}/pipelines`)),
});

/** Members' names for owner columns; a member without identity:read gets ids only. */
export const memberNamesQuery = queryOptions({
  queryKey: ['identity', 'members', 'names'],
  queryFn: async () => {
    const { data } = await api.GET('/api/brain/identity/members');
    return new Map((data?.items ?? []).map((m) => [m.userId, m.name || m.email]));
  },
});
