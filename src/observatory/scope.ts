import type { Queryable } from '../db/database.js';
import type { PlaceFilter } from './filters.js';
import { countEntrancesInScope, patrimonyVersion, residencesInScope, type ResidencePlace } from './repository.js';

/**
 * The places in scope of a place filter (residences with their dwellings, the number of halls),
 * kept in memory per organisation and read again only when the patrimony version moved: they
 * change far less often than dashboards are read.
 */
interface Scope {
  version: number;
  residences: ResidencePlace[];
  halls: number;
}

const MAX_SCOPES = 64;
/** Per database (a process may hold several), then per organisation and place filter. */
const databases = new WeakMap<Queryable, Map<string, Scope>>();

const PLACE_KEYS = ['directorateId', 'agencyId', 'commune', 'qpv', 'residenceId', 'buildingId', 'entranceId'] as const satisfies readonly (keyof PlaceFilter)[];

export async function placesInScope(db: Queryable, organisationId: number, filter: PlaceFilter): Promise<Omit<Scope, 'version'>> {
  const places: PlaceFilter = Object.fromEntries(PLACE_KEYS.filter((key) => filter[key] !== undefined).map((key) => [key, filter[key]]));
  const key = `${organisationId}|${JSON.stringify(places)}`;
  if (!databases.has(db)) databases.set(db, new Map());
  const scopes = databases.get(db)!;
  const version = await patrimonyVersion(db, organisationId);
  const cached = scopes.get(key);
  if (cached?.version === version) return cached;
  const scope = { version, residences: await residencesInScope(db, organisationId, places), halls: await countEntrancesInScope(db, organisationId, places) };
  scopes.delete(key);
  scopes.set(key, scope);
  while (scopes.size > MAX_SCOPES) scopes.delete(scopes.keys().next().value!);
  return scope;
}
