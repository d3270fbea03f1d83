import { hotspotBins } from '../stats/fdr.js';
import { giStar, gridGiStar, type GiStarResult } from '../stats/gistar.js';
import { cellCentre, cellOf, gridFrame } from '../stats/grid.js';
import { fromLambert93, toLambert93 } from '../stats/io/lambert93.js';
import { distanceBandNeighbours } from '../stats/weights.js';

/**
 * Hotspots of the observatory: Getis-Ord Gi* on incident rates per 100 dwellings, over units
 * that hold dwellings (buildings, or square cells of the grid), with Benjamini–Hochberg FDR
 * confidence bins (±3 at 99 %, ±2 at 95 %, ±1 at 90 %). Rates, not counts: a big estate is not
 * hot for being big.
 */
export interface DwellingUnit {
  id: number;
  lon: number;
  lat: number;
  dwellings: number;
  incidents: number;
}

export interface HotspotUnit {
  /** The building's id, or the cell's row-major index in the grid laid over the units. */
  id: number;
  lon: number;
  lat: number;
  dwellings: number;
  incidents: number;
  ratePer100Dwellings: number;
  z: number;
  p: number;
  bin: number;
}

export interface HotspotOptions {
  /** Neighbourhood radius in metres (distance band, self included). */
  distance: number;
}

const rateOf = (incidents: number, dwellings: number) => (dwellings > 0 ? (incidents * 100) / dwellings : 0);

function withBins(units: Omit<HotspotUnit, 'z' | 'p' | 'bin'>[], result: GiStarResult, index: (i: number) => number = (i) => i): HotspotUnit[] {
  const z = units.map((_, i) => result.z[index(i)]!);
  const p = units.map((_, i) => result.p[index(i)]!);
  const bins = hotspotBins(z, p, { fdr: true });
  return units.map((unit, i) => ({ ...unit, z: z[i]!, p: p[i]!, bin: bins[i]! }));
}

/** Gi* over buildings, neighbours within `distance` metres (Lambert-93). */
export function buildingHotspots(units: readonly DwellingUnit[], { distance }: HotspotOptions): HotspotUnit[] {
  const projected = units.map((unit) => toLambert93(unit.lon, unit.lat));
  const neighbours = distanceBandNeighbours({ x: projected.map(([x]) => x), y: projected.map(([, y]) => y) }, distance);
  const rated = units.map((unit) => ({ ...unit, ratePer100Dwellings: rateOf(unit.incidents, unit.dwellings) }));
  return withBins(rated, giStar(rated.map((unit) => unit.ratePer100Dwellings), neighbours));
}

/** Gi* over square cells of `cellSize` metres that hold dwellings; cells without any are outside the study area. */
export function cellHotspots(units: readonly DwellingUnit[], cellSize: number, { distance }: HotspotOptions): HotspotUnit[] {
  if (units.length === 0) return [];
  const projected = units.map((unit) => toLambert93(unit.lon, unit.lat));
  const frame = gridFrame(projected.map(([x]) => x), projected.map(([, y]) => y), cellSize);
  const cells = frame.columns * frame.rows;
  const dwellings = new Float64Array(cells);
  const incidents = new Float64Array(cells);
  projected.forEach(([x, y], i) => {
    const cell = cellOf(frame, x, y);
    dwellings[cell] = dwellings[cell]! + units[i]!.dwellings;
    incidents[cell] = incidents[cell]! + units[i]!.incidents;
  });
  const present = new Uint8Array(cells);
  const values = new Float64Array(cells);
  const occupied: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    if (dwellings[cell]! <= 0) continue;
    present[cell] = 1;
    values[cell] = rateOf(incidents[cell]!, dwellings[cell]!);
    occupied.push(cell);
  }
  const result = gridGiStar({ columns: frame.columns, rows: frame.rows, cellSize, values, present }, distance);
  const centres = occupied.map((cell) => cellCentre(frame, cell));
  const rated = occupied.map((cell, i) => {
    const [lon, lat] = fromLambert93(centres[i]!);
    return { id: cell, lon, lat, dwellings: dwellings[cell]!, incidents: incidents[cell]!, ratePer100Dwellings: values[cell]! };
  });
  return withBins(rated, result, (i) => occupied[i]!);
}
