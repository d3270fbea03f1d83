import type { Queryable } from '../db/database.js';
import type { Family } from '../incidents/domain/vocabulary.js';
import type { MonthRange } from './domain/months.js';
import type { Measures } from './domain/measures.js';
import type { CoarseLevel, ObservatoryFilter, RollupLevel, RollupSource, Scope } from './filters.js';
import { bind, placeConditions, type Params, type PlaceColumns } from './repository/conditions.js';

/** SQL only. Figures come from the roll-ups (migration 0500); places from the patrimony are in repository/places.ts. */

export type { Params } from './repository/conditions.js';
export * from './repository/places.js';

const firstDay = (month: string) => `${month}-01`;

/** Roll-up rows know their wider places; only entrance rows know an entrance (their place). */
const rollupColumns = (level: RollupLevel): PlaceColumns => ({
  agency: 'r.agency_id', residence: 'r.residence_id', building: 'r.building_id', entrance: level === 'entrance' ? 'r.place_id' : 'NULL',
});

/** WHERE of roll-up rows `r` at `level` for the filter's places and facets over `range`. */
export function rollupWhere(scope: Scope, filter: ObservatoryFilter, level: RollupLevel, range: MonthRange, params: Params): string {
  const conditions = [
    'r.organisation_id = $1',
    `r.level = ${bind(params, level)}`,
    `r.month >= ${bind(params, firstDay(range.from))}::date`,
    `r.month <= ${bind(params, firstDay(range.to))}::date`,
    ...placeConditions(scope, filter, rollupColumns(level), params),
  ];
  if (filter.family !== undefined) conditions.push(`r.family = ${bind(params, filter.family)}`);
  if (filter.category !== undefined) conditions.push(`r.category_code = ${bind(params, filter.category)}`);
  if (filter.severity !== undefined) conditions.push(`r.severity = ${bind(params, filter.severity)}`);
  if (filter.status !== undefined) conditions.push(`r.status = ${bind(params, filter.status)}`);
  return conditions.join(' AND ');
}

const NO_PLACE = 'NULL::int';
/** Coarse rows (migration 0810): organisation rows know no place, agency rows their agency, residence rows their agency and residence. */
const COARSE_COLUMNS: Record<CoarseLevel, PlaceColumns> = {
  organisation: { agency: NO_PLACE, residence: NO_PLACE, building: NO_PLACE, entrance: NO_PLACE },
  agency: { agency: 'r.agency_id', residence: NO_PLACE, building: NO_PLACE, entrance: NO_PLACE },
  residence: { agency: 'r.agency_id', residence: 'r.residence_id', building: NO_PLACE, entrance: NO_PLACE },
};

/**
 * FROM and WHERE of the roll-up rows `r` a source holds for the filter over `range`. Coarse rows
 * hold no severity or status, and only organisation rows a category: the service picks a coarse
 * source only for filters its rows hold (filters.ts).
 */
function rollupRows(scope: Scope, filter: ObservatoryFilter, source: RollupSource, range: MonthRange, params: Params): string {
  if ('fine' in source) return `incident_rollups r WHERE ${rollupWhere(scope, filter, source.fine, range, params)}`;
  const conditions = [
    'r.organisation_id = $1',
    `r.level = ${bind(params, source.coarse)}`,
    `r.month >= ${bind(params, firstDay(range.from))}::date`,
    `r.month <= ${bind(params, firstDay(range.to))}::date`,
    ...placeConditions(scope, filter, COARSE_COLUMNS[source.coarse], params),
  ];
  if (filter.family !== undefined) conditions.push(`r.family = ${bind(params, filter.family)}`);
  if (filter.category !== undefined) conditions.push(`r.category_code = ${bind(params, filter.category)}`);
  return `incident_rollup_coarse r WHERE ${conditions.join(' AND ')}`;
}

const MEASURES = `sum(r.incidents)::int AS incidents, sum(r.damage_cost)::float8 AS "damageCost", sum(r.with_cost)::int AS "withCost",
  sum(r.with_complaint)::int AS "withComplaint", sum(r.handled)::int AS handled, sum(r.handling_hours)::float8 AS "handlingHours",
  sum(r.staff_itt_unknown)::int AS "staffIttUnknown", sum(r.staff_itt_none)::int AS "staffIttNone",
  sum(r.staff_itt_up_to_8)::int AS "staffIttUpTo8", sum(r.staff_itt_over_8)::int AS "staffIttOver8"`;

export type MonthCategoryRow = Measures & { month: string; categoryCode: string; family: string };

export async function measuresByMonthAndCategory(db: Queryable, scope: Scope, filter: ObservatoryFilter, source: RollupSource, range: MonthRange): Promise<MonthCategoryRow[]> {
  const params: Params = [scope.organisationId];
  return db.query<MonthCategoryRow>(
    `SELECT to_char(r.month, 'YYYY-MM') AS month, r.category_code AS "categoryCode", r.family, ${MEASURES}
     FROM ${rollupRows(scope, filter, source, range, params)}
     GROUP BY r.month, r.category_code, r.family`,
    params,
  );
}

export type AgencyRow = Measures & { agencyId: number; period: 'current' | 'previous' | 'lastYear' };

/** Measures per agency for each compared period. */
export async function measuresByAgency(
  db: Queryable, scope: Scope, filter: ObservatoryFilter, source: RollupSource, periods: Record<AgencyRow['period'], MonthRange>,
): Promise<AgencyRow[]> {
  const params: Params = [scope.organisationId];
  const span = { from: [periods.current.from, periods.previous.from, periods.lastYear.from].sort()[0]!, to: periods.current.to };
  const rows = rollupRows(scope, filter, source, span, params);
  const buckets = (Object.entries(periods) as [AgencyRow['period'], MonthRange][]).map(
    ([name, range]) => `(${bind(params, name)}::text, ${bind(params, firstDay(range.from))}::date, ${bind(params, firstDay(range.to))}::date)`,
  );
  return db.query<AgencyRow>(
    `SELECT r.agency_id AS "agencyId", p.name AS period, ${MEASURES}
     FROM (SELECT * FROM ${rows}) r JOIN (VALUES ${buckets.join(', ')}) AS p(name, first_month, last_month)
       ON r.month BETWEEN p.first_month AND p.last_month
     GROUP BY r.agency_id, p.name`,
    params,
  );
}

export type ResidenceRow = Measures & { residenceId: number };

export async function measuresByResidence(db: Queryable, scope: Scope, filter: ObservatoryFilter, source: RollupSource, range: MonthRange): Promise<ResidenceRow[]> {
  const params: Params = [scope.organisationId];
  return db.query<ResidenceRow>(
    `SELECT r.residence_id AS "residenceId", ${MEASURES}
     FROM ${rollupRows(scope, filter, source, range, params)}
     GROUP BY r.residence_id`,
    params,
  );
}

/** Incidents per building (the entrance filter reads entrance rows, the others building rows). */
export async function incidentsByBuilding(db: Queryable, scope: Scope, filter: ObservatoryFilter, range: MonthRange): Promise<Map<number, number>> {
  const params: Params = [scope.organisationId];
  const level = filter.entranceId !== undefined ? 'entrance' : 'building';
  const rows = await db.query<{ buildingId: number; incidents: number }>(
    `SELECT r.building_id AS "buildingId", sum(r.incidents)::int AS incidents
     FROM incident_rollups r WHERE ${rollupWhere(scope, filter, level, range, params)}
     GROUP BY r.building_id`,
    params,
  );
  return new Map(rows.map((row) => [row.buildingId, row.incidents]));
}

/** Incidents per entrance over the period. */
export async function incidentsByEntrance(db: Queryable, scope: Scope, filter: ObservatoryFilter, range: MonthRange): Promise<Map<number, number>> {
  const params: Params = [scope.organisationId];
  const rows = await db.query<{ entranceId: number; incidents: number }>(
    `SELECT r.place_id AS "entranceId", sum(r.incidents)::int AS incidents
     FROM incident_rollups r WHERE ${rollupWhere(scope, filter, 'entrance', range, params)}
     GROUP BY r.place_id`,
    params,
  );
  return new Map(rows.map((row) => [row.entranceId, row.incidents]));
}

export interface WeightedPoint {
  lon: number;
  lat: number;
  weight: number;
}

/**
 * Heat of the period from the roll-ups: each building's incidents at its point, and the
 * incidents placed at a residence as a whole at the residence's point.
 */
export async function heatPoints(db: Queryable, scope: Scope, filter: ObservatoryFilter, range: MonthRange): Promise<WeightedPoint[]> {
  const params: Params = [scope.organisationId];
  const buildingLevel = filter.entranceId !== undefined ? 'entrance' : 'building';
  const buildings = rollupWhere(scope, filter, buildingLevel, range, params);
  const wholeResidences = filter.entranceId !== undefined || filter.buildingId !== undefined ? 'false' : rollupWhere(scope, filter, 'residence', range, params);
  return db.query<WeightedPoint>(
    `WITH per_building AS (
       SELECT r.residence_id, r.building_id, sum(r.incidents) AS n FROM incident_rollups r WHERE ${buildings} GROUP BY 1, 2
     ), per_residence AS (
       SELECT r.residence_id, sum(r.incidents) AS n FROM incident_rollups r WHERE ${wholeResidences} GROUP BY 1
     )
     SELECT ST_X(b.geom) AS lon, ST_Y(b.geom) AS lat, p.n::int AS weight
     FROM per_building p JOIN buildings b ON b.organisation_id = $1 AND b.id = p.building_id
     UNION ALL
     SELECT ST_X(r.geom), ST_Y(r.geom), (p.n - COALESCE((SELECT sum(q.n) FROM per_building q WHERE q.residence_id = p.residence_id), 0))::int
     FROM per_residence p JOIN residences r ON r.organisation_id = $1 AND r.id = p.residence_id
     WHERE r.geom IS NOT NULL AND p.n > COALESCE((SELECT sum(q.n) FROM per_building q WHERE q.residence_id = p.residence_id), 0)`,
    params,
  );
}

export interface HallTallyRow {
  entranceId: number;
  family: string;
  severity: string;
  quarter: 'quarter' | 'previousQuarter';
  incidents: number;
}

/** Incidents per entrance, family and severity in each of two quarters. */
export async function hallTallies(
  db: Queryable, scope: Scope, filter: ObservatoryFilter, quarters: Record<HallTallyRow['quarter'], MonthRange>,
): Promise<HallTallyRow[]> {
  const params: Params = [scope.organisationId];
  const where = rollupWhere(scope, filter, 'entrance', { from: quarters.previousQuarter.from, to: quarters.quarter.to }, params);
  const split = bind(params, firstDay(quarters.quarter.from));
  return db.query<HallTallyRow>(
    `SELECT r.place_id AS "entranceId", r.family, r.severity,
       CASE WHEN r.month >= ${split}::date THEN 'quarter' ELSE 'previousQuarter' END AS quarter, sum(r.incidents)::int AS incidents
     FROM incident_rollups r WHERE ${where}
     -- Grouped on the comparison rather than on its label: a third cheaper at a million incidents.
     GROUP BY 1, 2, 3, r.month >= ${split}::date`,
    params,
  );
}

export interface HourCell {
  weekday: number;
  hour: number;
  incidents: number;
}

/** The hour roll-up knows no residence: a perimeter of communes covers none of its rows (the service says so). */
const HOUR_COLUMNS: PlaceColumns = { agency: 'r.agency_id', residence: 'NULL::int', building: 'NULL::int', entrance: 'NULL::int' };

/** Hour × weekday counts; this roll-up knows agencies and families only. */
export async function hourGrid(db: Queryable, scope: Scope, filter: ObservatoryFilter, range: MonthRange): Promise<HourCell[]> {
  const params: Params = [scope.organisationId];
  const conditions = [
    'r.organisation_id = $1',
    `r.month >= ${bind(params, firstDay(range.from))}::date`,
    `r.month <= ${bind(params, firstDay(range.to))}::date`,
    ...placeConditions(scope, { directorateId: filter.directorateId, agencyId: filter.agencyId }, HOUR_COLUMNS, params),
  ];
  if (filter.family !== undefined) conditions.push(`r.family = ${bind(params, filter.family)}`);
  return db.query<HourCell>(
    `SELECT r.weekday::int AS weekday, r.hour::int AS hour, sum(r.incidents)::int AS incidents
     FROM incident_rollup_hours r WHERE ${conditions.join(' AND ')}
     GROUP BY r.weekday, r.hour`,
    params,
  );
}

/** Hour × weekday counts of the whole organisation (migration 0810), with the family filter only, as hourGrid. */
export async function organisationHourGrid(db: Queryable, scope: Scope, filter: ObservatoryFilter, range: MonthRange): Promise<HourCell[]> {
  const params: Params = [scope.organisationId];
  const conditions = ['r.organisation_id = $1', `r.month >= ${bind(params, firstDay(range.from))}::date`, `r.month <= ${bind(params, firstDay(range.to))}::date`];
  if (filter.family !== undefined) conditions.push(`r.family = ${bind(params, filter.family)}`);
  return db.query<HourCell>(
    `SELECT r.weekday::int AS weekday, r.hour::int AS hour, sum(r.incidents)::int AS incidents
     FROM incident_rollup_organisation_hours r WHERE ${conditions.join(' AND ')}
     GROUP BY r.weekday, r.hour`,
    params,
  );
}

// ——— Points (map) ———

export interface IncidentPoint {
  id: number;
  lon: number;
  lat: number;
  family: Family;
  severity: string;
  agencyId: number;
  recordedBy: number | null;
  /** Day of occurrence in Paris, counted from 1970-01-01 (the near-repeat analysis's time). */
  day: number;
}

/**
 * Counted incidents of the filter, with their points: read once to build the map's in-memory
 * cluster index (the same rules as the roll-ups: no drafts, no merged duplicates, Paris months).
 */
export async function incidentPoints(db: Queryable, scope: Scope, filter: ObservatoryFilter): Promise<IncidentPoint[]> {
  const params: Params = [scope.organisationId];
  const paris = `(i.occurred_at AT TIME ZONE 'Europe/Paris')`;
  const conditions = [
    'i.organisation_id = $1', "i.status <> 'draft'", 'i.duplicate_of IS NULL',
    `${paris} >= ${bind(params, firstDay(filter.period.from))}::timestamp`,
    `${paris} < (${bind(params, firstDay(filter.period.to))}::date + interval '1 month')`,
    ...placeConditions(scope, filter, { agency: 'i.agency_id', residence: 'i.residence_id', building: 'i.building_id', entrance: 'i.entrance_id' }, params),
  ];
  if (filter.family !== undefined) conditions.push(`i.family = ${bind(params, filter.family)}`);
  if (filter.category !== undefined) conditions.push(`i.category_code = ${bind(params, filter.category)}`);
  if (filter.severity !== undefined) conditions.push(`i.severity = ${bind(params, filter.severity)}`);
  if (filter.status !== undefined) conditions.push(`i.status = ${bind(params, filter.status)}`);
  return db.query<IncidentPoint>(
    `SELECT i.id, ST_X(i.geom) AS lon, ST_Y(i.geom) AS lat, i.family, i.severity, i.agency_id AS "agencyId", i.recorded_by AS "recordedBy",
       (${paris}::date - DATE '1970-01-01') AS day
     FROM incidents i WHERE ${conditions.join(' AND ')}`,
    params,
  );
}

/** The version of an organisation's counted figures: any change to them bumps it. */
export async function figuresVersion(db: Queryable, organisationId: number): Promise<number> {
  const [row] = await db.query<{ version: number }>('SELECT version FROM observatory_versions WHERE organisation_id = $1', [organisationId]);
  return row?.version ?? 0;
}

/** The version of an organisation's patrimony (places and dwellings): any change to it bumps it. */
export async function patrimonyVersion(db: Queryable, organisationId: number): Promise<number> {
  const [row] = await db.query<{ version: number }>('SELECT patrimony_version AS version FROM observatory_versions WHERE organisation_id = $1', [organisationId]);
  return row?.version ?? 0;
}

/**
 * Both versions and the transaction that last wrote them: a stamp that names one committed state
 * of the figures and places (a version number alone repeats after a rolled-back change).
 */
export async function observatoryStamp(db: Queryable, organisationId: number): Promise<string> {
  const [row] = await db.query<{ stamp: string }>(
    `SELECT concat_ws('.', version, patrimony_version, xmin) AS stamp FROM observatory_versions WHERE organisation_id = $1`, [organisationId]);
  return row?.stamp ?? '';
}
