import { baseDatabase } from '../../access/tenant.js';
import type { Queryable } from '../../db/database.js';
import { patrimonyVersion } from '../repository.js';
import * as repository from './repository.js';

/**
 * The areas of the agency and commune choropleths for an organisation: the imported commune
 * boundaries (agencies: the union of the communes where each holds most dwellings) or, when
 * none was imported, areas derived from the patrimony. Whole-organisation geometry, kept in
 * memory until the patrimony or the boundaries change (deriving takes seconds); answers keep
 * only the places of the caller's figures.
 */
export type AreaUnit = 'agency' | 'commune';
export interface Areas {
  source: 'boundaries' | 'derived';
  byKey: Map<string, { type: 'Polygon' | 'MultiPolygon'; coordinates: unknown[] }>;
}

/**
 * Reach of derived areas around each residence (metres): wide enough for an agency's or a
 * commune's residences to read as one territory at the scale of a landlord, narrow enough not
 * to claim open country far from any dwelling.
 */
export const DERIVED_REACH = 3000;
const MAX_ENTRIES = 16;
const databases = new WeakMap<Queryable, Map<string, { stamp: string; areas: Areas }>>();

export async function areasOf(db: Queryable, organisationId: number, unit: AreaUnit): Promise<Areas> {
  const boundaries = await repository.boundariesStamp(db, organisationId);
  const stamp = `${await patrimonyVersion(db, organisationId)}|${boundaries.communes}|${boundaries.latest}`;
  const base = baseDatabase(db);
  if (!databases.has(base)) databases.set(base, new Map());
  const cache = databases.get(base)!;
  const key = `${organisationId}|${unit}`;
  const cached = cache.get(key);
  if (cached?.stamp === stamp) return cached.areas;
  const source = boundaries.communes > 0 ? 'boundaries' : 'derived';
  const rows = source === 'derived'
    ? await repository.derivedAreas(db, organisationId, unit, DERIVED_REACH)
    : unit === 'agency' ? await repository.agencyBoundaryAreas(db, organisationId) : await repository.communeBoundaryAreas(db, organisationId);
  const areas: Areas = { source, byKey: new Map(rows.map((row) => [row.key, JSON.parse(row.geometry)])) };
  cache.delete(key);
  cache.set(key, { stamp, areas });
  while (cache.size > MAX_ENTRIES) cache.delete(cache.keys().next().value!);
  return areas;
}
