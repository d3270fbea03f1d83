import { perimeterFor, requireAccess } from '../access/authorize.js';
import type { Perimeter } from '../access/domain/perimeter.js';
import { forbidden } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import * as repository from './repository.js';

/** The residences the actor may read: the union of its read_patrimony perimeters (403 without any). */
function readablePerimeter(actor: Actor): Perimeter {
  const perimeter = perimeterFor(actor, 'read_patrimony');
  if (!perimeter) throw forbidden('Permission « read_patrimony » refusée (permission denied)');
  return perimeter;
}

/** Counts of the patrimony inside the actor's perimeter. */
export function patrimonyStats(db: Queryable, actor: Actor) {
  return repository.countPatrimony(db, actor.organisationId, readablePerimeter(actor));
}

export function searchResidences(db: Queryable, actor: Actor, text: string, limit: number) {
  return repository.searchResidences(db, actor.organisationId, readablePerimeter(actor), text, limit);
}

/** A residence with its buildings and dwellings: 404 outside the organisation, 403 outside the perimeter. */
export async function residenceDetail(db: Queryable, actor: Actor, residenceId: number) {
  await requireAccess(db, actor, 'read_patrimony', { kind: 'residence', id: residenceId });
  const residence = await repository.findResidence(db, actor.organisationId, residenceId);
  const [buildings, dwellings] = await Promise.all([
    repository.listResidenceBuildings(db, actor.organisationId, residenceId),
    repository.listResidenceDwellings(db, actor.organisationId, residenceId),
  ]);
  return { ...residence!, buildings, dwellings };
}

/** The residences of the actor's perimeter as a GeoJSON FeatureCollection (positions in EPSG:4326). */
export async function residenceMap(db: Queryable, actor: Actor) {
  const points = await repository.listResidencePoints(db, actor.organisationId, readablePerimeter(actor));
  return {
    type: 'FeatureCollection' as const,
    features: points.map(({ lon, lat, ...properties }) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
      properties,
    })),
  };
}
