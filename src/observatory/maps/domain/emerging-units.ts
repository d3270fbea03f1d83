import { classifyEmerging, type EmergingCategory } from '../../stats/emerging.js';
import { giStar } from '../../stats/gistar.js';
import type { TrendDirection } from '../../stats/mann-kendall.js';
import { distanceBandNeighbours } from '../../stats/weights.js';

/**
 * Emerging hot spots of the map: for each month of the period, Getis-Ord Gi* on the units'
 * rates per 100 dwellings (neighbours within `distance` metres, self included), then each unit's
 * series of monthly results classified as ArcGIS Pro does (`classifyEmerging`: new, consecutive,
 * intensifying, persistent, diminishing, sporadic, oscillating, historical; hot or cold), with a
 * Mann-Kendall test on its z-scores. Rates, not counts: a big estate is not hot for being big.
 */
export interface MonthlyUnit {
  /** Planar position in metres (Lambert-93). */
  x: number;
  y: number;
  dwellings: number;
  /** Incidents per month of the period, oldest first. */
  incidents: readonly number[];
}

export interface EmergingUnitResult {
  category: EmergingCategory;
  trend: TrendDirection;
  /** Months in which the unit was a significant hot spot (p < alpha, z > 0). */
  hotMonths: number;
  coldMonths: number;
  /** The last month's Gi* z-score. */
  lastZ: number;
}

export function emergingUnits(units: readonly MonthlyUnit[], months: number, distance: number, alpha = 0.05): EmergingUnitResult[] {
  if (units.length === 0) return [];
  const neighbours = distanceBandNeighbours({ x: units.map((unit) => unit.x), y: units.map((unit) => unit.y) }, distance);
  const z = units.map(() => new Float64Array(months));
  const p = units.map(() => new Float64Array(months));
  for (let month = 0; month < months; month++) {
    const rates = units.map((unit) => (unit.dwellings > 0 ? ((unit.incidents[month] ?? 0) * 100) / unit.dwellings : 0));
    const result = giStar(rates, neighbours);
    units.forEach((_, i) => {
      z[i]![month] = result.z[i]!;
      p[i]![month] = result.p[i]!;
    });
  }
  return units.map((_, i) => {
    const significant = (side: 1 | -1) => z[i]!.filter((value, month) => p[i]![month]! < alpha && Math.sign(value) === side).length;
    const { category, trend } = classifyEmerging(z[i]!, p[i]!, alpha);
    return { category, trend, hotMonths: significant(1), coldMonths: significant(-1), lastZ: z[i]![months - 1] ?? 0 };
  });
}
