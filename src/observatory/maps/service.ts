import { readFile } from 'node:fs/promises';
import { auditWrite } from '../../access/audit.js';
import { validationError } from '../../core/errors.js';
import type { Database, Queryable } from '../../db/database.js';
import type { Actor } from '../../http/context.js';
import { partnerUnits } from '../domain/partner-view.js';
import { monthsOf } from '../domain/months.js';
import type { ObservatoryFilter } from '../filters.js';
import { buildingsInScope, incidentsByBuilding } from '../repository.js';
import { dashboard, readsAsPartner, scopeOf } from '../service.js';
import { areasOf, type AreaUnit } from './areas.js';
import { readBoundaries } from './domain/boundaries.js';
import { emergingUnits } from './domain/emerging-units.js';
import { binByHexagon, hexagonRing, type HexagonBin } from './domain/hexagons.js';
import * as repository from './repository.js';

/** Partners' hexagons are no finer than this side (metres): about the area of the 500 m squares of their hotspots. */
const PARTNER_MIN_SIDE = 300;
/** Enough to fix a file in a few rounds without flooding the terminal. */
const MAX_REPORTED_ERRORS = 200;

export interface BoundaryImportResult {
  communes: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

/**
 * Imports commune boundaries from a GeoJSON file: all or nothing (any bad feature rejects the
 * file, each error naming its feature and field), idempotent (identical communes are left as
 * they are, so a second import writes nothing and is not audited), one audited write otherwise.
 */
export async function importBoundaryFile(db: Database, actor: Actor, file: string): Promise<BoundaryImportResult> {
  let document: unknown;
  try {
    document = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw validationError('Fichier GeoJSON illisible / Unreadable GeoJSON file', [{ field: 'file', message: (error as Error).message }]);
  }
  const { boundaries, errors } = readBoundaries(document);
  if (errors.length > 0) throw validationError(`Fichier refusé, rien n’est importé / File rejected, nothing imported (${errors.length} erreurs / errors)`, errors.slice(0, MAX_REPORTED_ERRORS));
  return db.transaction(async (tx) => {
    const written = await repository.upsertBoundaries(tx, actor.organisationId, boundaries);
    const result = { communes: boundaries.length, ...written, unchanged: boundaries.length - written.inserted - written.updated };
    if (written.inserted + written.updated > 0) {
      await auditWrite(tx, actor, { action: 'observatory.boundaries.import', objectType: 'commune_boundaries', objectId: null, after: result });
    }
    return result;
  });
}

const polygon = (bin: HexagonBin, side: number) => ({ type: 'Polygon' as const, coordinates: [hexagonRing(bin, side)] });

/**
 * Rates per 100 dwellings per agency or commune, exactly the dashboard's (same answer, same
 * perimeter, same partner suppression; partners get no agencies), drawn on their areas.
 */
async function placeChoropleth(db: Queryable, actor: Actor, filter: ObservatoryFilter, unit: AreaUnit) {
  const figures = await dashboard(db, actor, filter);
  const rows = unit === 'agency'
    ? figures.agencies.map((row) => ({ key: String(row.agencyId), name: row.name, incidents: row.incidents, dwellings: row.dwellings, ratePer100Dwellings: row.ratePer100Dwellings }))
    : figures.communes.map((row) => ({ key: row.insee, name: row.name, incidents: row.incidents, dwellings: row.dwellings, ratePer100Dwellings: row.ratePer100Dwellings }));
  const areas = await areasOf(db, actor.organisationId, unit);
  const withheld = unit === 'agency' && readsAsPartner(actor) ? { withheld: 'partner' as const } : {};
  return {
    type: 'FeatureCollection' as const, period: filter.period, unit, cellSize: null, source: areas.source, ...withheld,
    withoutArea: rows.filter((row) => !areas.byKey.has(row.key)).map((row) => row.key),
    features: rows.flatMap((row) => {
      const geometry = areas.byKey.get(row.key);
      return geometry ? [{ type: 'Feature' as const, geometry, properties: row }] : [];
    }),
  };
}

/** The buildings holding dwellings in scope, gathered in hexagons of `side` metres. */
async function hexagonsInScope(db: Queryable, actor: Actor, filter: ObservatoryFilter, side: number) {
  const scope = await scopeOf(db, actor, filter);
  const buildings = await buildingsInScope(db, scope, filter);
  const dwellings = new Map(buildings.map((building) => [building.buildingId, building.dwellings]));
  const bins = binByHexagon(buildings.map((building) => ({ id: building.buildingId, lon: building.lon, lat: building.lat })), side);
  return { scope, bins, dwellingsOf: (bin: HexagonBin) => bin.members.reduce((sum, id) => sum + dwellings.get(id)!, 0) };
}

const sideFor = (actor: Actor, side: number) => (readsAsPartner(actor) ? Math.max(side, PARTNER_MIN_SIDE) : side);

/** Rates per 100 dwellings on hexagons, from the building roll-ups; partners' counts suppressed, no building ids. */
async function hexagonChoropleth(db: Queryable, actor: Actor, filter: ObservatoryFilter, requestedSide: number) {
  const side = sideFor(actor, requestedSide);
  const { scope, bins, dwellingsOf } = await hexagonsInScope(db, actor, filter, side);
  const incidents = await incidentsByBuilding(db, scope, filter, filter.period);
  const cells = bins.map((bin) => {
    const count = bin.members.reduce((sum, id) => sum + (incidents.get(id) ?? 0), 0);
    const dwellings = dwellingsOf(bin);
    return { bin, incidents: count, dwellings, ratePer100Dwellings: (count * 100) / dwellings };
  });
  const partner = readsAsPartner(actor);
  const shown = partner ? partnerUnits(cells) : cells;
  return {
    type: 'FeatureCollection' as const, period: filter.period, unit: 'hexagon' as const, cellSize: side, source: 'grid' as const, withoutArea: [],
    features: shown.map(({ bin, incidents: count, dwellings, ratePer100Dwellings }) => ({
      type: 'Feature' as const, geometry: polygon(bin, side),
      properties: { key: bin.key, name: null, incidents: count, dwellings, ratePer100Dwellings, ...(partner ? {} : { buildingIds: bin.members }) },
    })),
  };
}

export function choropleth(db: Queryable, actor: Actor, filter: ObservatoryFilter, options: { unit: AreaUnit | 'hexagon'; cellSize: number }) {
  return options.unit === 'hexagon' ? hexagonChoropleth(db, actor, filter, options.cellSize) : placeChoropleth(db, actor, filter, options.unit);
}

/**
 * Emerging hotspots on hexagons: monthly Gi* of the rates per 100 dwellings over the filter's
 * period, each hexagon classified (new, consecutive, intensifying…; hot or cold). Only the
 * hexagons with a pattern are returned; partners' counts suppressed, no building ids.
 */
export async function emerging(db: Queryable, actor: Actor, filter: ObservatoryFilter, options: { cellSize: number; distance: number }) {
  const side = sideFor(actor, options.cellSize);
  const { scope, bins, dwellingsOf } = await hexagonsInScope(db, actor, filter, side);
  const months = monthsOf(filter.period);
  const monthIndex = new Map(months.map((month, index) => [month, index]));
  const perBuilding = new Map<number, number[]>();
  for (const row of await repository.monthlyIncidentsByBuilding(db, scope, filter)) {
    const series = perBuilding.get(row.buildingId) ?? new Array<number>(months.length).fill(0);
    series[monthIndex.get(row.month)!]! += row.incidents;
    perBuilding.set(row.buildingId, series);
  }
  const units = bins.map((bin) => {
    const incidents = new Array<number>(months.length).fill(0);
    for (const id of bin.members) perBuilding.get(id)?.forEach((count, month) => (incidents[month]! += count));
    return { bin, x: bin.x, y: bin.y, dwellings: dwellingsOf(bin), incidents };
  });
  const results = emergingUnits(units, months.length, options.distance);
  const classified = units.flatMap((unit, index) => (results[index]!.category === 'no_pattern' ? [] : [{
    ...results[index]!, bin: unit.bin, dwellings: unit.dwellings, incidents: unit.incidents.reduce((sum, count) => sum + count, 0), ratePer100Dwellings: 0,
  }]));
  const partner = readsAsPartner(actor);
  return {
    type: 'FeatureCollection' as const, period: filter.period, months: months.length, cellSize: side, distance: options.distance,
    features: (partner ? partnerUnits(classified) : classified).map(({ bin, ratePer100Dwellings: _rate, ...unit }) => ({
      type: 'Feature' as const, geometry: polygon(bin, side),
      properties: { key: bin.key, ...unit, ...(partner ? {} : { buildingIds: bin.members }) },
    })),
  };
}

