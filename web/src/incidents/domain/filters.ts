/**
 * The list filters live in the page's address, so that a filtered list can be bookmarked,
 * shared, and exported as CSV with exactly the same parameters.
 */
export const FILTER_KEYS = ['from', 'to', 'agencyId', 'commune', 'residenceId', 'buildingIds', 'buildingId', 'entranceId', 'family', 'category', 'severity', 'status', 'channel'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type Filters = Partial<Record<FilterKey, string>>;

/** The known, non-empty filters of an address; anything else is ignored. */
export function filtersFromSearch(search: URLSearchParams): Filters {
  const filters: Filters = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key)?.trim();
    if (value) filters[key] = value;
  }
  return filters;
}

/** The query string for the API and for the address, in a stable order ('' when unfiltered). */
export function filtersQuery(filters: Filters): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

/** A category belongs to one family: choosing another family drops a category that no longer fits. */
export function withFilter(filters: Filters, key: FilterKey, value: string): Filters {
  const next: Filters = { ...filters, [key]: value || undefined };
  if (key === 'family' && next.category && value && !next.category.startsWith(`${value}.`)) delete next.category;
  return next;
}

/** The place filters, finest first: the observatory map links agencies, communes and the buildings of an area. */
export const PLACE_KEYS = ['entranceId', 'buildingId', 'buildingIds', 'residenceId', 'commune', 'agencyId'] as const satisfies readonly FilterKey[];

/** A place filter is one level: choosing a residence clears the building and entrance, and so on. */
export function withPlace(filters: Filters, place: { residenceId?: number; buildingId?: number; entranceId?: number }): Filters {
  const rest = Object.fromEntries(Object.entries(filters).filter(([key]) => !(PLACE_KEYS as readonly string[]).includes(key))) as Filters;
  const next: Filters = { ...rest };
  if (place.entranceId) next.entranceId = String(place.entranceId);
  else if (place.buildingId) next.buildingId = String(place.buildingId);
  else if (place.residenceId) next.residenceId = String(place.residenceId);
  return next;
}
