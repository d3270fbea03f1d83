import type { DwellingUnit, HotspotUnit } from '../../domain/hotspots.js';
import { hotspotBins } from '../../stats/fdr.js';
import { gridFrame } from '../../stats/grid.js';
import { toLambert93 } from '../../stats/io/lambert93.js';
import type { PermutationUnits } from '../tasks.js';

/**
 * What the background jobs feed their engines, from what the observatory already reads. Pure.
 */

/** Incident points (WGS 84, Paris calendar days) as Knox events in Lambert-93 metres and days. */
export function knoxEvents(points: readonly { lon: number; lat: number; day: number }[]) {
  const x = new Float64Array(points.length);
  const y = new Float64Array(points.length);
  const t = new Float64Array(points.length);
  points.forEach((point, i) => {
    [x[i], y[i]] = toLambert93(point.lon, point.lat);
    t[i] = point.day;
  });
  return { x, y, t };
}

/** Bounds as the API takes them ("inf" for an open last band) as the engine takes them. */
export const engineBounds = (bounds: readonly (number | 'inf')[]) => bounds.map((bound) => (bound === 'inf' ? Infinity : bound));

/**
 * The units the analytic Gi* used, for the permutation engine: the buildings' Lambert-93 points,
 * or the occupied cells of the same grid (a HotspotUnit's id is its cell), so that every unit
 * gets exactly the neighbourhood the analytic test gave it.
 */
export function permutationUnits(buildings: readonly DwellingUnit[], found: readonly HotspotUnit[], unit: 'building' | 'cell', cellSize: number): PermutationUnits {
  const projected = buildings.map((building) => toLambert93(building.lon, building.lat));
  if (unit === 'building') return { kind: 'points', x: Float64Array.from(projected, ([x]) => x), y: Float64Array.from(projected, ([, y]) => y) };
  if (projected.length === 0) return { kind: 'cells', columns: 0, rows: 0, cellSize, cells: new Int32Array(0) };
  const frame = gridFrame(projected.map(([x]) => x), projected.map(([, y]) => y), cellSize);
  return { kind: 'cells', columns: frame.columns, rows: frame.rows, cellSize, cells: Int32Array.from(found, (cell) => cell.id) };
}

/** The units with their pseudo p-values, binned from them (Benjamini–Hochberg FDR, as the analytic bins). */
export function withPseudoBins(found: readonly HotspotUnit[], pSim: ArrayLike<number>): (HotspotUnit & { pSim: number })[] {
  const bins = hotspotBins(found.map((unit) => unit.z), pSim, { fdr: true });
  return found.map((unit, i) => ({ ...unit, pSim: pSim[i]!, bin: bins[i]! }));
}
