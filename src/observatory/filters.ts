import type { Perimeter } from '../access/domain/perimeter.js';
import type { Family, Severity } from '../incidents/domain/vocabulary.js';
import type { Status } from '../incidents/domain/workflow.js';
import type { MonthRange } from './domain/months.js';

/** Place levels of the roll-ups, from the widest to the finest. */
export const ROLLUP_LEVELS = ['agency', 'residence', 'building', 'entrance'] as const;
export type RollupLevel = (typeof ROLLUP_LEVELS)[number];

/** The places a filter may name; several narrow each other down. */
export interface PlaceFilter {
  directorateId?: number;
  agencyId?: number;
  commune?: string;
  qpv?: string;
  residenceId?: number;
  buildingId?: number;
  entranceId?: number;
}

/** The filters shared by every observatory answer (dashboard, map, hotspots, hall levels). */
export interface ObservatoryFilter extends PlaceFilter {
  period: MonthRange;
  family?: Family;
  category?: string;
  severity?: Severity;
  status?: Status;
}

/**
 * Whose figures a query may read: the organisation and the caller's perimeter. Every repository
 * read takes one, and its place conditions always include the perimeter, so no query can forget it.
 */
export interface Scope {
  organisationId: number;
  perimeter: Perimeter;
}

/**
 * The finest roll-up level a read needs: each level's rows know the wider places only, and a
 * perimeter of communes is read on residence rows (agency rows know no commune).
 */
export function levelOf(scope: Scope, filter: PlaceFilter): RollupLevel {
  if (filter.entranceId !== undefined) return 'entrance';
  if (filter.buildingId !== undefined) return 'building';
  if (filter.residenceId !== undefined || filter.commune !== undefined || filter.qpv !== undefined) return 'residence';
  if (!scope.perimeter.wholeOrganisation && scope.perimeter.communes.length > 0) return 'residence';
  return 'agency';
}

/** The finer of two levels. */
export const finer = (a: RollupLevel, b: RollupLevel): RollupLevel => (ROLLUP_LEVELS.indexOf(a) >= ROLLUP_LEVELS.indexOf(b) ? a : b);
