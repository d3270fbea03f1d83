import { notFound } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import * as repository from './repository.js';

export function patrimonyStats(db: Queryable, actor: Actor) {
  return repository.countPatrimony(db, actor.organisationId);
}

export function searchResidences(db: Queryable, actor: Actor, text: string, limit: number) {
  return repository.searchResidences(db, actor.organisationId, text, limit);
}

export async function residenceDetail(db: Queryable, actor: Actor, residenceId: number) {
  const residence = await repository.findResidence(db, actor.organisationId, residenceId);
  if (!residence) throw notFound(`Residence ${residenceId}`);
  const [buildings, dwellings] = await Promise.all([
    repository.listResidenceBuildings(db, actor.organisationId, residenceId),
    repository.listResidenceDwellings(db, actor.organisationId, residenceId),
  ]);
  return { ...residence, buildings, dwellings };
}

/** The residences as a GeoJSON FeatureCollection (positions in EPSG:4326). */
export async function residenceMap(db: Queryable, actor: Actor) {
  const points = await repository.listResidencePoints(db, actor.organisationId);
  return {
    type: 'FeatureCollection' as const,
    features: points.map(({ lon, lat, ...properties }) => ({
      type: 'Feature' as const,
      geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
      properties,
    })),
  };
}
