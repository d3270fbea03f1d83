import type { HotspotUnit } from '../../domain/hotspots.js';
import { toLambert93 } from '../../stats/io/lambert93.js';

/** Confidence of a Gi* bin, as the reports print it. */
export const CONFIDENCE: Record<number, string> = { 3: '99 %', 2: '95 %', 1: '90 %' };

export interface NamedPlace {
  lon: number;
  lat: number;
  residence: string;
  commune: string;
}

export interface HotCell extends HotspotUnit {
  /** Residences with a building in the cell, then their communes. */
  residences: string[];
  communes: string[];
}

/**
 * The hot cells of a Gi* run (bins +1 to +3), hottest first, each named by the residences whose
 * buildings lie in it: a building lies in the square of `cellSize` metres centred on the cell's
 * centre (Lambert-93, the grid the analysis used).
 */
export function hotCells(cells: readonly HotspotUnit[], places: readonly NamedPlace[], cellSize: number): HotCell[] {
  const projected = places.map((place) => ({ place, xy: toLambert93(place.lon, place.lat) }));
  return cells
    .filter((cell) => cell.bin > 0)
    .sort((a, b) => b.bin - a.bin || b.z - a.z || a.id - b.id)
    .map((cell) => {
      const [x, y] = toLambert93(cell.lon, cell.lat);
      const inside = projected.filter(({ xy }) => Math.abs(xy[0] - x) <= cellSize / 2 && Math.abs(xy[1] - y) <= cellSize / 2).map(({ place }) => place);
      return { ...cell, residences: [...new Set(inside.map((place) => place.residence))].sort(), communes: [...new Set(inside.map((place) => place.commune))].sort() };
    });
}
