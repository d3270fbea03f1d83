import type { NearestPlace } from '../../incidents/api.js';
import type { ResidenceDetail } from '../../shared/api.js';

/** As the server: places within 200 m of the tap, the five nearest. */
const RADIUS_METRES = 200;
const LIMIT = 5;
const EARTH_RADIUS_METRES = 6_371_000;

/** Great-circle distance; within 200 m it matches the server's Lambert-93 distance to the decimetre. */
export function metresBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const rad = Math.PI / 180;
  const dLat = (lat2 - lat1) * rad;
  const dLon = (lon2 - lon1) * rad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.sqrt(a));
}

/**
 * The nearest buildings and entrances to a tap on the map, from the residences kept on the
 * phone, in the server's order (distance, entrances before their building). Entrances stand at
 * their building's position, as on the server when they have none of their own.
 */
export function nearestOffline(residences: readonly ResidenceDetail[], lon: number, lat: number): NearestPlace[] {
  const places = residences.flatMap((residence) => residence.buildings.flatMap((building) => {
    const distanceMetres = Math.round(metresBetween(lon, lat, building.lon, building.lat) * 10) / 10;
    const at = { buildingId: building.id, residenceId: residence.id, residenceName: residence.name, lon: building.lon, lat: building.lat, distanceMetres };
    return [
      { kind: 'building' as const, id: building.id, name: building.name ?? building.externalId, ...at },
      ...building.entrances.map((entrance) => ({ kind: 'entrance' as const, id: entrance.id, name: entrance.name, ...at })),
    ];
  }));
  return places
    .filter((place) => place.distanceMetres <= RADIUS_METRES)
    .sort((a, b) => a.distanceMetres - b.distanceMetres || b.kind.localeCompare(a.kind) || a.id - b.id)
    .slice(0, LIMIT);
}
