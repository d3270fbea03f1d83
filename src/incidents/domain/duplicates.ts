import type { Family } from './vocabulary.js';

/**
 * A new incident is flagged as a probable duplicate of an earlier one when both are of the
 * same family, occurred at most 48 hours apart, and are at the same place: the same entrance,
 * or points at most 50 metres apart. Flagged only — a person decides whether to merge.
 */
export const DUPLICATE_DISTANCE_METRES = 50;
export const DUPLICATE_WINDOW_HOURS = 48;

export interface DuplicateProbe {
  family: Family;
  occurredAt: Date;
  entranceId: number | null;
  lon: number;
  lat: number;
}

const EARTH_RADIUS_METRES = 6_371_008.8;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** Great-circle distance (haversine); at 50 m it agrees with Lambert-93 to the centimetre. */
export function distanceMetres(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, Math.sqrt(h)));
}

export function isProbableDuplicate(incident: DuplicateProbe, earlier: DuplicateProbe): boolean {
  if (incident.family !== earlier.family) return false;
  const hoursApart = Math.abs(incident.occurredAt.getTime() - earlier.occurredAt.getTime()) / 3_600_000;
  if (hoursApart > DUPLICATE_WINDOW_HOURS) return false;
  const sameEntrance = incident.entranceId !== null && incident.entranceId === earlier.entranceId;
  return sameEntrance || distanceMetres(incident, earlier) <= DUPLICATE_DISTANCE_METRES;
}

/** The period in which candidates are looked for, around the incident's time. */
export function duplicateSearchWindow(occurredAt: Date): { from: Date; until: Date } {
  const span = DUPLICATE_WINDOW_HOURS * 3_600_000;
  return { from: new Date(occurredAt.getTime() - span), until: new Date(occurredAt.getTime() + span) };
}
