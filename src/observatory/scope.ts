import { baseDatabase } from '../access/tenant.js';
import type { Queryable } from '../db/database.js';
import type { PlaceFilter, Scope } from './filters.js';
import { countEntrancesInScope, patrimonyVersion, residencesInScope, type ResidencePlace } from './repository.js';

/**
 * The places in scope of a place filter (residences with their dwellings, the number of halls),
 * kept in memory per organisation, perimeter and filter, and read again only when the patrimony
 * version moved: they change far less often than dashboards are read.
 */
interface Places {
  version: number;
  residences: ResidencePlace[];
  halls: number;
}

const MAX_SCOPES = 64;
/** Per database (a process may hold several), then per organisation, perimeter and place filter. */
const databases = new WeakMap<Queryable, Map<string, Places>>();

const PLACE_KEYS = ['directorateId', 'agencyId', 'commune', 'qpv', 'residenceId', 'buildingId', 'entranceId'] as const satisfies readonly (keyof PlaceFilter)[];

export async function placesInScope(db: Queryable, scope: Scope, filter: PlaceFilter): Promise<Omit<Places, 'version'>> {
  const places: PlaceFilter = Object.fromEntries(PLACE_KEYS.filter((key) => filter[key] !== undefined).map((key) => [key, filter[key]]));
  const key = `${scope.organisationId}|${JSON.stringify(scope.perimeter)}|${JSON.stringify(places)}`;
  const base = baseDatabase(db);
  if (!databases.has(base)) databases.set(base, new Map());
  const cache = databases.get(base)!;
  const version = await patrimonyVersion(db, scope.organisationId);
  const cached = cache.get(key);
  if (cached?.version === version) return cached;
  const found = { version, residences: await residencesInScope(db, scope, places), halls: await countEntrancesInScope(db, scope, places) };
  cache.delete(key);
  cache.set(key, found);
  while (cache.size > MAX_SCOPES) cache.delete(cache.keys().next().value!);
  return found;
}
