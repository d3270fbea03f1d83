import { authorize, perimeterFor, requireAccess } from '../access/authorize.js';
import { auditWrite } from '../access/audit.js';
import { roleAllows } from '../access/domain/roles.js';
import type { TargetRef } from '../access/repository.js';
import { forbidden, validationError } from '../core/errors.js';
import type { Queryable } from '../db/database.js';
import type { Actor } from '../http/context.js';
import { viewerOf } from '../incidents/domain/confidentiality.js';
import { clustersIn, type BoundingBox } from './clusters.js';
import { buildDashboard, monthsRead, topHalls } from './domain/dashboard.js';
import { hallChanges } from './domain/halls.js';
import { buildingHotspots, cellHotspots, type DwellingUnit } from './domain/hotspots.js';
import { addMonths, comparedPeriods, monthsBetween, parisMonth, quarters } from './domain/months.js';
import { partnerDashboard, partnerHeat, partnerUnits } from './domain/partner-view.js';
import { agencySource, monthCategorySource, organisationHours, residenceSource, type ObservatoryFilter, type PlaceFilter, type Scope } from './filters.js';
import * as repository from './repository.js';
import { placesInScope } from './scope.js';
import { versionedCache } from './versioned-cache.js';
import type { FilterQuery } from './schemas.js';

/** The longest period one answer covers (ten years of monthly roll-ups). */
const MAX_MONTHS = 120;
/** Partners' hotspot cells are no finer than this (metres). */
const PARTNER_MIN_CELL = 500;

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

/** Callers whose every grant carrying aggregates is a partner's read figures with small counts suppressed. */
export function readsAsPartner(actor: Actor): boolean {
  const grants = (actor.grants ?? []).filter((grant) => roleAllows(grant.role, 'read_aggregates'));
  return grants.length > 0 && grants.every((grant) => grant.role === 'partner');
}

/** The places a filter names, as targets of the access check. */
function targetsOf(filter: PlaceFilter): TargetRef[] {
  const ids = [
    ['directorate', filter.directorateId], ['agency', filter.agencyId], ['residence', filter.residenceId],
    ['building', filter.buildingId], ['entrance', filter.entranceId],
  ] as const;
  return [
    ...ids.flatMap(([kind, id]) => (id === undefined ? [] : [{ kind, id }])),
    ...(filter.commune === undefined ? [] : [{ kind: 'commune' as const, insee: filter.commune }]),
  ];
}

/**
 * The scope of an observatory read: the caller's aggregate perimeter (every query filters on
 * it), after checking that each place the filter names lies inside it (404 elsewhere, 403 outside).
 * Partners read no place finer than a residence.
 */
export async function scopeOf(db: Queryable, actor: Actor, filter: PlaceFilter): Promise<Scope> {
  const perimeter = perimeterFor(actor, 'read_aggregates');
  if (!perimeter) throw forbidden('Permission « read_aggregates » refusée (permission denied)');
  if (readsAsPartner(actor) && (filter.buildingId !== undefined || filter.entranceId !== undefined)) {
    throw forbidden('Les partenaires lisent les chiffres à la résidence ou plus large (partners read figures per residence or wider)');
  }
  for (const target of targetsOf(filter)) await requireAccess(db, actor, 'read_aggregates', target);
  return { organisationId: actor.organisationId, perimeter };
}

/** The hour roll-up knows agencies only: it cannot be restricted to a perimeter of communes. */
const hourGridAvailable = ({ perimeter }: Scope) => perimeter.wholeOrganisation || perimeter.communes.length === 0;

type Dashboard = ReturnType<typeof buildDashboard>;

/**
 * Whole dashboards per database, organisation, perimeter and filter, kept until the figures,
 * the places or the agencies' staff change: readers between two changes share one computation.
 */
const dashboards = versionedCache<Dashboard>(64);

const dashboardKey = (scope: Scope, filter: ObservatoryFilter) =>
  `${scope.organisationId}|${JSON.stringify(scope.perimeter)}|${JSON.stringify(Object.entries(filter).sort(([a], [b]) => a.localeCompare(b)))}`;

export function dashboard(db: Queryable, actor: Actor, filter: ObservatoryFilter) {
  // One transaction: on a request's tenant database each statement would otherwise open its own.
  return db.transaction(async (tx) => {
    const scope = await scopeOf(tx, actor, filter);
    // Read before the figures: a change committed meanwhile only makes the entry rebuilt once more.
    const stamp = await repository.observatoryStamp(tx, scope.organisationId);
    const agencyInfo = await repository.listAgencies(tx, scope.organisationId);
    const version = `${stamp}|${JSON.stringify(agencyInfo)}`;
    // The caches belong to `db`: a transaction is a new object each time.
    const full = await dashboards.get(db, dashboardKey(scope, filter), version, async () => buildDashboard(await dashboardInputs(tx, scope, filter, { agencyInfo, cacheOwner: db })));
    return readsAsPartner(actor) ? partnerDashboard(full) : { ...full, suppression: null };
  });
}

/** What the dashboard is built from; the agencies and the owner of the places' cache may be given. */
export async function dashboardInputs(
  db: Queryable, scope: Scope, filter: ObservatoryFilter,
  given: { agencyInfo?: repository.AgencyPlace[]; cacheOwner?: Queryable } = {},
) {
  const periods = comparedPeriods(filter.period);
  const places = await placesInScope(db, scope, filter, given.cacheOwner);
  const perEntrance = await repository.incidentsByEntrance(db, scope, filter, filter.period);
  const tallies = await repository.hallTallies(db, scope, filter, quarters(filter.period));
  const namedHalls = await repository.entrancesInScope(db, scope, filter, topHalls(perEntrance));
  const hoursKnown = hourGridAvailable(scope);
  const hourCells = !hoursKnown ? [] : organisationHours(scope, filter)
    ? await repository.organisationHourGrid(db, scope, filter, filter.period)
    : await repository.hourGrid(db, scope, filter, filter.period);
  return {
    period: filter.period,
    monthCategories: await repository.measuresByMonthAndCategory(db, scope, filter, monthCategorySource(scope, filter), monthsRead(filter.period)),
    agencies: await repository.measuresByAgency(db, scope, filter, agencySource(scope, filter), periods),
    residences: await repository.measuresByResidence(db, scope, filter, residenceSource(scope, filter), filter.period),
    agencyInfo: given.agencyInfo ?? await repository.listAgencies(db, scope.organisationId),
    residenceInfo: places.residences,
    hallIncidents: perEntrance,
    hallInfo: namedHalls.map(({ entranceId, name, buildingName, residenceName }) => ({ entranceId, name, buildingName, residenceName })),
    hallChanges: hallChanges([...new Set(tallies.map((tally) => tally.entranceId))], tallies),
    hallCount: places.halls,
    hourCells,
    hourGridFilters: hourGridFilters(filter),
    hourGridAvailable: hoursKnown,
  };
}

/** The hour × weekday roll-up knows agencies and families: the filters it could apply. */
function hourGridFilters(filter: ObservatoryFilter): string[] {
  const applied = ['from', 'to', 'directorateId', 'agencyId', 'family'] as const;
  return applied.filter((key) => key === 'from' || key === 'to' || filter[key] !== undefined);
}

/**
 * Map clusters. Attacks on staff the caller may not see are counted apart, never placed;
 * incident ids go only to readers of incident records; partners get no points at all.
 */
export async function clusters(db: Queryable, actor: Actor, filter: ObservatoryFilter, bbox: BoundingBox, zoom: number) {
  const scope = await scopeOf(db, actor, filter);
  if (readsAsPartner(actor)) return { zoom, bbox, indexedPoints: 0, hiddenConfidential: 0, features: [], withheld: 'partner' as const };
  return clustersIn(db, { scope, viewer: viewerOf(actor) }, filter, bbox, zoom, authorize(actor, 'read_incident'));
}

/** Heat per building (and per residence as a whole); partners get it on a grid of about 1 km, small cells left out. */
export async function heatmap(db: Queryable, actor: Actor, filter: ObservatoryFilter) {
  const scope = await scopeOf(db, actor, filter);
  const points = await repository.heatPoints(db, scope, filter, filter.period);
  return { period: filter.period, points: readsAsPartner(actor) ? partnerHeat(points) : points };
}

export interface HotspotRequest {
  unit: 'building' | 'cell';
  cellSize: number;
  distance: number;
}

export async function hotspots(db: Queryable, actor: Actor, filter: ObservatoryFilter, options: HotspotRequest) {
  const scope = await scopeOf(db, actor, filter);
  const partner = readsAsPartner(actor);
  const { unit, cellSize } = hotspotGrid(partner, options);
  const found = await hotspotUnits(db, scope, filter, { ...options, unit, cellSize });
  return { period: filter.period, unit, cellSize: unit === 'cell' ? cellSize : null, distance: options.distance, units: partner ? partnerUnits(found) : found };
}

/** The units a caller's hotspot analysis runs on: partners get cells of 500 m at least. */
export function hotspotGrid(partner: boolean, options: HotspotRequest): Pick<HotspotRequest, 'unit' | 'cellSize'> {
  return partner ? { unit: 'cell', cellSize: Math.max(options.cellSize, PARTNER_MIN_CELL) } : options;
}

/** The buildings holding dwellings in scope, with their incidents of the period: the input of hotspot analysis. */
export async function hotspotBuildings(db: Queryable, scope: Scope, filter: ObservatoryFilter): Promise<DwellingUnit[]> {
  const buildings = await repository.buildingsInScope(db, scope, filter);
  const incidents = await repository.incidentsByBuilding(db, scope, filter, filter.period);
  return buildings.map((building) => ({ id: building.buildingId, lon: building.lon, lat: building.lat, dwellings: building.dwellings, incidents: incidents.get(building.buildingId) ?? 0 }));
}

/** Gi* over the buildings or the cells of a scope, every figure shown (callers suppress them for partners). */
export async function hotspotUnits(db: Queryable, scope: Scope, filter: ObservatoryFilter, options: HotspotRequest) {
  return hotspotsOf(await hotspotBuildings(db, scope, filter), options);
}

/** Gi* over the buildings themselves or over the cells holding them. */
export const hotspotsOf = (units: readonly DwellingUnit[], options: HotspotRequest) =>
  options.unit === 'cell' ? cellHotspots(units, options.cellSize, options) : buildingHotspots(units, options);

/** Levels of the halls in scope; partners read nothing finer than a residence. */
export async function hallLevels(db: Queryable, actor: Actor, filter: ObservatoryFilter) {
  const scope = await scopeOf(db, actor, filter);
  const ranges = quarters(filter.period);
  if (readsAsPartner(actor)) return { ...ranges, entrances: [], withheld: 'partner' as const };
  const entrances = await repository.entrancesInScope(db, scope, filter);
  const tallies = await repository.hallTallies(db, scope, filter, ranges);
  const changes = new Map(hallChanges(entrances.map((entrance) => entrance.entranceId), tallies).map((change) => [change.entranceId, change]));
  return { ...ranges, entrances: entrances.map((entrance) => ({ ...entrance, ...changes.get(entrance.entranceId)! })) };
}

/** Sets the staff of some agencies (the per-100-staff rates' input), each inside the caller's perimeter, audited. */
export async function setStaff(db: Queryable, actor: Actor, agencies: { agencyId: number; staff: number }[]) {
  const listed = await repository.listAgencies(db, actor.organisationId);
  const known = new Set(listed.map((agency) => agency.agencyId));
  const errors = agencies.flatMap((agency, index) => (known.has(agency.agencyId) ? [] : [{ field: `agencies.${index}.agencyId`, message: `Agence inconnue / Unknown agency ${agency.agencyId}` }]));
  if (errors.length > 0) throw validationError('Agences inconnues / Unknown agencies', errors);
  for (const agency of agencies) await requireAccess(db, actor, 'manage_patrimony', { kind: 'agency', id: agency.agencyId });
  const changed = new Set(agencies.map((agency) => agency.agencyId));
  return db.transaction(async (tx) => {
    await repository.setAgencyStaff(tx, actor.organisationId, agencies);
    await auditWrite(tx, actor, {
      action: 'observatory.staff.set', objectType: 'agency_staff', objectId: null,
      before: listed.filter((agency) => changed.has(agency.agencyId)).map(({ agencyId, staff }) => ({ agencyId, staff })),
      after: agencies,
    });
    return repository.listAgencies(tx, actor.organisationId);
  });
}
