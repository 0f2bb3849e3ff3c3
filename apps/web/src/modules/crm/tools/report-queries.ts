import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../../api/client';
import { crmKeys } from './tools-api';

export interface ReportFilters {
  from: string;
  to: string;
  pipelineId: string | null;
}

const R = '/api/brain/crm/reports' as const;
const period = (f: ReportFilters) => ({ from: f.from || undefined, to: f.to || undefined });
const pipeline = (f: ReportFilters) => ({ pipelineId: f.pipelineId ?? undefined });

/** The report queries, shared by the summary figures and the charts (one request each). */
export const reportQueries = {
  dealsByStage: (f: ReportFilters) => {
    const query = pipeline(f);
    return queryOptions({
      queryKey: [...crmKeys.reports, 'deals-by-stage', query],
      queryFn: () => unwrap(api.GET(`${R}/deals-by-stage`, { params: { query } })),
    });
  },
  winRate: (f: ReportFilters) => {
    const query = { ...period(f), ...pipeline(f) };
    return queryOptions({
      queryKey: [...crmKeys.reports, 'win-rate', query],
      queryFn: () => unwrap(api.GET(`${R}/win-rate`, { params: { query } })),
    });
  },
  conversion: (f: ReportFilters) => {
    const query = period(f);
    return queryOptions({
      queryKey: [...crmKeys.reports, 'lead-conversion', query],
      queryFn: () => unwrap(api.GET(`${R}/lead-conversion`, { params: { query } })),
    });
  },
  forecast: (f: ReportFilters) => {
    const query = pipeline(f);
    return queryOptions({
      queryKey: [...crmKeys.reports, 'forecast', query],
      queryFn: () => unwrap(api.GET(`${R}/forecast`, { params: { query } })),
    });
  },
  activity: (f: ReportFilters) => {
    const query = period(f);
    return queryOptions({
      queryKey: [...crmKeys.reports, 'activity-by-owner', query],
      queryFn: () => unwrap(api.GET(`${R}/activity-by-owner`, { params: { query } })),
    });
  },
};
