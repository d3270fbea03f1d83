import type { Queryable } from '../db/database.js';
import type { PlaceFilter, Scope } from './filters.js';
import { countEntrancesInScope, patrimonyVersion, residencesInScope, type ResidencePlace } from './repository.js';
import { versionedCache } from './versioned-cache.js';

/**
 * The places in scope of a place filter (residences with their dwellings, the number of halls),
 * kept in memory per organisation, perimeter and filter, and read again only when the patrimony
 * version moved: they change far less often than dashboards are read.
 */
interface Places {
  residences: ResidencePlace[];
  halls: number;
}

/** Per database, then per organisation, perimeter and place filter, 64 at most. */
const cache = versionedCache<Places>(64);

const PLACE_KEYS = ['directorateId', 'agencyId', 'commune', 'qpv', 'residenceId', 'buildingId', 'entranceId'] as const satisfies readonly (keyof PlaceFilter)[];

/** `cacheOwner`: the database whose cache keeps them, when `db` is one of its transactions (a new object each time). */
export async function placesInScope(db: Queryable, scope: Scope, filter: PlaceFilter, cacheOwner: Queryable = db): Promise<Places> {
  const places: PlaceFilter = Object.fromEntries(PLACE_KEYS.filter((key) => filter[key] !== undefined).map((key) => [key, filter[key]]));
  const key = `${scope.organisationId}|${JSON.stringify(scope.perimeter)}|${JSON.stringify(places)}`;
  const version = await patrimonyVersion(db, scope.organisationId);
  return cache.get(cacheOwner, key, String(version), async () => ({ residences: await residencesInScope(db, scope, places), halls: await countEntrancesInScope(db, scope, places) }));
}
