import type { Random } from './random.js';

/** Attributes of dwellings and buildings, consistent with the building type and period. */

export type BuildingStyle = 'tower' | 'bar' | 'small_collective' | 'recent_collective' | 'mining_cottage' | 'house';

const COLLECTIVE_ROOMS_1960S: readonly (readonly [number, number])[] = [[1, 5], [2, 18], [3, 40], [4, 28], [5, 9]];
const COLLECTIVE_ROOMS_RECENT: readonly (readonly [number, number])[] = [[1, 8], [2, 32], [3, 38], [4, 18], [5, 4]];
const COTTAGE_ROOMS: readonly (readonly [number, number])[] = [[2, 10], [3, 50], [4, 40]];
const HOUSE_ROOMS: readonly (readonly [number, number])[] = [[2, 3], [3, 28], [4, 45], [5, 21], [6, 3]];

/** Typical habitable surface (m²) by number of rooms in French social housing. */
const TYPICAL_SURFACE: Record<number, number> = { 1: 31, 2: 47, 3: 65, 4: 79, 5: 93, 6: 108 };

export function drawRooms(rng: Random, style: BuildingStyle): number {
  switch (style) {
    case 'tower':
    case 'bar':
      return rng.weighted(COLLECTIVE_ROOMS_1960S);
    case 'small_collective':
    case 'recent_collective':
      return rng.weighted(COLLECTIVE_ROOMS_RECENT);
    case 'mining_cottage':
      return rng.weighted(COTTAGE_ROOMS);
    case 'house':
      return rng.weighted(HOUSE_ROOMS);
  }
}

/** Surface in m² to one decimal; miners' cottages are smaller than the norm. */
export function drawSurface(rng: Random, rooms: number, style: BuildingStyle): number {
  const scale = style === 'mining_cottage' ? 0.88 : style === 'house' ? 1.06 : 1;
  const surface = TYPICAL_SURFACE[rooms]! * scale * rng.between(0.92, 1.08);
  return Math.round(surface * 10) / 10;
}

/**
 * The financing of the operation, as it existed when the building was produced: HLM ordinaire,
 * PSR/PLR (low-cost programmes) and ILN before the 1977 reform, PLA until 1999, then
 * PLUS, PLAI and PLS (and a few PLI, intermediate rents).
 */
export function drawFinancing(rng: Random, year: number): string {
  if (year < 1962) return 'HLMO';
  if (year < 1978) return rng.weighted([['HLMO', 55], ['PSR', 20], ['PLR', 20], ['ILN', 5]]);
  if (year < 2000) return rng.weighted([['PLA', 80], ['PLAI', 10], ['PLI', 10]]);
  return rng.weighted([['PLUS', 60], ['PLAI', 28], ['PLS', 10], ['PLI', 2]]);
}

/** Construction year of a residence of the given style. */
export function drawConstructionYear(rng: Random, style: BuildingStyle): number {
  switch (style) {
    case 'tower':
      return rng.int(1962, 1975);
    case 'bar':
      return rng.int(1955, 1978);
    case 'small_collective':
      return rng.int(1978, 2012);
    case 'recent_collective':
      return rng.int(2005, 2024);
    case 'mining_cottage':
      // Most cités were built by the mining companies before 1935; the "modern" ones after 1946.
      return rng.chance(0.8) ? rng.int(1900, 1935) : rng.int(1946, 1960);
    case 'house':
      return rng.int(1970, 2023);
  }
}
