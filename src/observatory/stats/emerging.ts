import { mannKendall, type TrendDirection } from './mann-kendall.js';

/**
 * Emerging hot spot categories of ArcGIS Pro "How Emerging Hot Spot Analysis works"
 * (Esri, Space Time Pattern Mining toolbox), from each unit's series of per-period Gi* results
 * and a Mann-Kendall test on its Gi* z-scores. With T periods and "90 %" read as ≥ 0.9 T:
 *
 * - new: hot in the final period and never before;
 * - consecutive: a single uninterrupted run of ≥ 2 hot periods ending with the final one,
 *   never hot before that run, hot in < 90 % of periods;
 * - intensifying / persistent / diminishing: hot in ≥ 90 % of periods including the final one,
 *   with a significant increasing trend / no significant trend / a significant decreasing trend
 *   of the z-scores;
 * - sporadic: hot in the final period, on-again off-again, < 90 % hot, never cold;
 * - oscillating: hot in the final period, cold in some earlier one, < 90 % hot;
 * - historical: not hot in the final period but hot in ≥ 90 % of periods.
 *
 * Cold spots mirror these (an intensifying cold spot has z-scores trending down). Anything else
 * is `no_pattern`. Significance of a period is p < alpha (default 0.05).
 */
export const patterns = ['new', 'consecutive', 'intensifying', 'persistent', 'diminishing', 'sporadic', 'oscillating', 'historical'] as const;
export type Pattern = (typeof patterns)[number];
export type EmergingCategory = `${Pattern}_${'hot' | 'cold'}_spot` | 'no_pattern';

export interface EmergingResult {
  category: EmergingCategory;
  /** Mann-Kendall on the unit's z-scores over the periods. */
  trend: TrendDirection;
  trendZ: number;
  trendP: number;
}

/** 1 hot, −1 cold, 0 not significant, per period. */
function states(z: ArrayLike<number>, p: ArrayLike<number>, alpha: number): Int8Array {
  const result = new Int8Array(z.length);
  for (let t = 0; t < z.length; t++) if (p[t]! < alpha && z[t] !== 0) result[t] = z[t]! > 0 ? 1 : -1;
  return result;
}

function pattern(series: Int8Array, side: 1 | -1, trend: TrendDirection): Pattern | null {
  const periods = series.length;
  const count = series.filter((state) => state === side).length;
  const mostly = count >= 0.9 * periods;
  if (series[periods - 1] !== side) return mostly ? 'historical' : null;
  if (count === 1) return 'new';
  if (mostly) {
    const strengthening = side === 1 ? 'increasing' : 'decreasing';
    if (trend === 'no trend') return 'persistent';
    return trend === strengthening ? 'intensifying' : 'diminishing';
  }
  let run = 0;
  while (run < periods && series[periods - 1 - run] === side) run++;
  if (run >= 2 && run === count) return 'consecutive';
  return series.includes(-side) ? 'oscillating' : 'sporadic';
}

export function classifyEmerging(z: ArrayLike<number>, p: ArrayLike<number>, alpha = 0.05): EmergingResult {
  const series = states(z, p, alpha);
  const test = mannKendall(z, alpha);
  const hot = pattern(series, 1, test.trend);
  const cold = hot ? null : pattern(series, -1, test.trend);
  const category: EmergingCategory = hot ? `${hot}_hot_spot` : cold ? `${cold}_cold_spot` : 'no_pattern';
  return { category, trend: test.trend, trendZ: test.z, trendP: test.p };
}
