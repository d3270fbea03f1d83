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

/** Levels of the coarse roll-ups (migration 0810): per month and family, no severity or status. */
export type CoarseLevel = 'organisation' | 'agency' | 'residence';

/** Where a panel reads: a coarse level when its grain holds every filter, else a level of the fine roll-ups. */
export type RollupSource = { coarse: CoarseLevel } | { fine: RollupLevel };

/** The coarse rows know no severity or status, and their agency and residence rows no category. */
const coarseHolds = (filter: ObservatoryFilter, withCategory: boolean) =>
  filter.severity === undefined && filter.status === undefined && (withCategory || filter.category === undefined);

/** Places narrowed below the whole organisation, by the filter or the perimeter. */
const narrowed = (scope: Scope, filter: PlaceFilter) =>
  !scope.perimeter.wholeOrganisation || levelOf(scope, filter) !== 'agency' || filter.directorateId !== undefined || filter.agencyId !== undefined;

/** Months × categories: the organisation's coarse rows for a whole-landlord read, else the fine rows at `levelOf`. */
export function monthCategorySource(scope: Scope, filter: ObservatoryFilter): RollupSource {
  return !narrowed(scope, filter) && coarseHolds(filter, true) ? { coarse: 'organisation' } : { fine: levelOf(scope, filter) };
}

/** Agencies: the coarse agency rows when agencies are the finest place read. */
export function agencySource(scope: Scope, filter: ObservatoryFilter): RollupSource {
  const level = levelOf(scope, filter);
  return level === 'agency' && coarseHolds(filter, false) ? { coarse: 'agency' } : { fine: level };
}

/** Residences: the coarse residence rows unless a building or an entrance is asked for. */
export function residenceSource(scope: Scope, filter: ObservatoryFilter): RollupSource {
  const level = finer(levelOf(scope, filter), 'residence');
  return level === 'residence' && coarseHolds(filter, false) ? { coarse: 'residence' } : { fine: level };
}

/** The hour grid applies agencies and directorates only: the whole organisation's has its own roll-up. */
export const organisationHours = ({ perimeter }: Scope, filter: PlaceFilter) =>
  perimeter.wholeOrganisation && filter.directorateId === undefined && filter.agencyId === undefined;
