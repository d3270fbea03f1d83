/**
 * The filters the dashboard and the map share, kept in the page address so that both pages,
 * a bookmark and a shared link show the same figures.
 */
export const FILTER_KEYS = ['from', 'to', 'agencyId', 'commune', 'family', 'severity', 'status'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

export function filtersFromSearch(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The query string of the filters, in a stable order ('' when unfiltered). */
export function filtersQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]!);
  return params.toString();
}

/** The last day of a month (YYYY-MM → YYYY-MM-DD). */
const lastDay = (month: string) => {
  const [year, monthNumber] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(year, monthNumber, 0)).getUTCDate()).padStart(2, '0')}`;
};

/** The place filters of the incident list a map or dashboard place opens (`buildingIds`: the buildings of a hexagon). */
export type ListPlace = 'agencyId' | 'commune' | 'buildingIds' | 'buildingId' | 'entranceId';

/**
 * The incident list's address for a place seen on the map over the same period and facets
 * (the list filters on days, the observatory on months).
 */
export function incidentListQuery(filters: Filters, period: { from: string; to: string }, place: Partial<Record<ListPlace, string | number>>): string {
  const params = new URLSearchParams({ from: `${period.from}-01`, to: lastDay(period.to) });
  for (const [key, value] of Object.entries(place)) if (value) params.set(key, String(value));
  for (const key of ['family', 'severity', 'status'] as const) if (filters[key]) params.set(key, filters[key]!);
  return params.toString();
}
