import { validationError } from '../core/errors.js';
import type { Database, Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { clustersIn, type BoundingBox } from './clusters.js';
import { buildDashboard, monthsRead, topHalls } from './domain/dashboard.js';
import { hallChanges } from './domain/halls.js';
import { buildingHotspots, cellHotspots } from './domain/hotspots.js';
import { addMonths, comparedPeriods, monthsBetween, parisMonth, quarters } from './domain/months.js';
import { finer, levelOf, type ObservatoryFilter } from './filters.js';
import * as repository from './repository.js';
import { placesInScope } from './scope.js';
import type { FilterQuery } from './schemas.js';

/** The longest period one answer covers (ten years of monthly roll-ups). */
const MAX_MONTHS = 120;

/** The shared filter of a query; the period defaults to the twelve months ending this month. */
export function filterOf(query: FilterQuery, now = new Date()): ObservatoryFilter {
  const { from, to, ...rest } = query;
  const last = to ?? parisMonth(now);
  const first = from ?? addMonths(last, -11);
  if (first > last) throw validationError('Période vide / Empty period', [{ field: 'query.from', message: `« ${first} » est après « ${last} » / is after the end` }]);
  if (monthsBetween({ from: first, to: last }) > MAX_MONTHS) {
    throw validationError('Période trop longue / Period too long', [{ field: 'query.from', message: `${MAX_MONTHS} mois au plus / months at most` }]);
  }
  const defined = Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined));
  return { ...defined, period: { from: first, to: last } };
}

export async function dashboard(db: Queryable, actor: Actor, filter: ObservatoryFilter) {
  const org = actor.organisationId;
  const level = levelOf(filter);
  const periods = comparedPeriods(filter.period);
  const quarterRanges = quarters(filter.period);
  const monthCategories = await repository.measuresByMonthAndCategory(db, org, filter, level, monthsRead(filter.period));
  const agencies = await repository.measuresByAgency(db, org, filter, level, periods);
  const residences = await repository.measuresByResidence(db, org, filter, finer(level, 'residence'), filter.period);
  const scope = await placesInScope(db, org, filter);
  const agencyInfo = await repository.listAgencies(db, org);
  const perEntrance = await repository.incidentsByEntrance(db, org, filter, filter.period);
  const tallies = await repository.hallTallies(db, org, filter, quarterRanges);
  const hourCells = await repository.hourGrid(db, org, filter, filter.period);
  const namedHalls = await repository.entrancesInScope(db, org, filter, topHalls(perEntrance));
  return buildDashboard({
    period: filter.period,
    monthCategories,
    agencies,
    residences,
    agencyInfo,
    residenceInfo: scope.residences,
    hallIncidents: perEntrance,
    hallInfo: namedHalls.map(({ entranceId, name, buildingName, residenceName }) => ({ entranceId, name, buildingName, residenceName })),
    hallChanges: hallChanges([...new Set(tallies.map((tally) => tally.entranceId))], tallies),
    hallCount: scope.halls,
    hourCells,
    hourGridFilters: hourGridFilters(filter),
  });
}

/** The hour × weekday roll-up knows agencies and families: the filters it could apply. */
function hourGridFilters(filter: ObservatoryFilter): string[] {
  const applied = ['from', 'to', 'directorateId', 'agencyId', 'family'] as const;
  return applied.filter((key) => key === 'from' || key === 'to' || filter[key] !== undefined);
}

export function clusters(db: Queryable, actor: Actor, filter: ObservatoryFilter, bbox: BoundingBox, zoom: number) {
  return clustersIn(db, actor.organisationId, filter, bbox, zoom);
}

export async function heatmap(db: Queryable, actor: Actor, filter: ObservatoryFilter) {
  return { period: filter.period, points: await repository.heatPoints(db, actor.organisationId, filter, filter.period) };
}

export async function hotspots(db: Queryable, actor: Actor, filter: ObservatoryFilter, options: { unit: 'building' | 'cell'; cellSize: number; distance: number }) {
  const buildings = await repository.buildingsInScope(db, actor.organisationId, filter);
  const incidents = await repository.incidentsByBuilding(db, actor.organisationId, filter, filter.period);
  const units = buildings.map((building) => ({ id: building.buildingId, lon: building.lon, lat: building.lat, dwellings: building.dwellings, incidents: incidents.get(building.buildingId) ?? 0 }));
  const found = options.unit === 'cell' ? cellHotspots(units, options.cellSize, options) : buildingHotspots(units, options);
  return { period: filter.period, unit: options.unit, distance: options.distance, units: found };
}

export async function hallLevels(db: Queryable, actor: Actor, filter: ObservatoryFilter) {
  const ranges = quarters(filter.period);
  const entrances = await repository.entrancesInScope(db, actor.organisationId, filter);
  const tallies = await repository.hallTallies(db, actor.organisationId, filter, ranges);
  const changes = new Map(hallChanges(entrances.map((entrance) => entrance.entranceId), tallies).map((change) => [change.entranceId, change]));
  return { ...ranges, entrances: entrances.map((entrance) => ({ ...entrance, ...changes.get(entrance.entranceId)! })) };
}

/** Sets the staff of some agencies (the per-100-staff rates' input). */
export async function setStaff(db: Database, actor: Actor, agencies: { agencyId: number; staff: number }[]) {
  const known = new Set((await repository.listAgencies(db, actor.organisationId)).map((agency) => agency.agencyId));
  const errors = agencies.flatMap((agency, index) => (known.has(agency.agencyId) ? [] : [{ field: `agencies.${index}.agencyId`, message: `Agence inconnue / Unknown agency ${agency.agencyId}` }]));
  if (errors.length > 0) throw validationError('Agences inconnues / Unknown agencies', errors);
  await repository.setAgencyStaff(db, actor.organisationId, agencies);
  return repository.listAgencies(db, actor.organisationId);
}
