import { useApi } from '../shared/api.js';
import type { Dashboard } from './api.js';
import { filtersQuery, type Filters } from './filters.js';

export const dashboardUrl = (filters: Filters) => `/api/observatory/dashboard${filtersQuery(filters) ? `?${filtersQuery(filters)}` : ''}`;

/** The dashboard for the filters, and the agencies the reader may filter on (those of the period, unfiltered). */
export function useDashboard(filters: Filters) {
  const dashboard = useApi<Dashboard>(dashboardUrl(filters));
  const period = useApi<Dashboard>(dashboardUrl({ from: filters.from, to: filters.to }));
  const agencies = period.state === 'ready' ? period.data.agencies : [];
  return { dashboard, agencies, period: period.state === 'ready' ? period.data.period.current : undefined };
}
