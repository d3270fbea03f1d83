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

/** Hot cells holding the same residences, taken together: what the board reads as one hot place. */
export interface HotPlace {
  residences: string[];
  communes: string[];
  cells: number;
  dwellings: number;
  incidents: number;
  ratePer100Dwellings: number;
  /** The highest confidence bin among its cells. */
  bin: number;
}

/** Hot cells grouped by their residences, those without an incident of their own left out (hot only through their neighbours), hottest and busiest first. */
export function hotPlaces(cells: readonly HotCell[]): HotPlace[] {
  const places = new Map<string, HotPlace>();
  for (const cell of cells) {
    const key = `${cell.residences.join('|')}#${cell.communes.join('|')}`;
    const place = places.get(key) ?? { residences: cell.residences, communes: cell.communes, cells: 0, dwellings: 0, incidents: 0, ratePer100Dwellings: 0, bin: 0 };
    place.cells += 1;
    place.dwellings += cell.dwellings;
    place.incidents += cell.incidents;
    place.bin = Math.max(place.bin, cell.bin);
    places.set(key, place);
  }
  return [...places.values()]
    .filter((place) => place.incidents > 0)
    .map((place) => ({ ...place, ratePer100Dwellings: place.dwellings > 0 ? (place.incidents * 100) / place.dwellings : 0 }))
    .sort((a, b) => b.bin - a.bin || b.incidents - a.incidents || a.residences.join().localeCompare(b.residences.join()));
}

/** Where to name the communes of hot cells on the map: the mean point of each commune's hot cells. */
export function hotCommuneLabels(cells: readonly HotCell[]): { text: string; lon: number; lat: number }[] {
  const communes = new Map<string, { lon: number; lat: number; count: number }>();
  for (const cell of cells) {
    const name = cell.communes[0];
    if (!name) continue;
    const entry = communes.get(name) ?? { lon: 0, lat: 0, count: 0 };
    communes.set(name, { lon: entry.lon + cell.lon, lat: entry.lat + cell.lat, count: entry.count + 1 });
  }
  return [...communes].map(([text, { lon, lat, count }]) => ({ text, lon: lon / count, lat: lat / count }));
}
