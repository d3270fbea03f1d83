import { twoSidedP } from './normal.js';

/**
 * Mann-Kendall monotonic trend test (Mann, 1945; Kendall, 1975) with the tie correction of
 * the variance and the continuity-corrected z of Gilbert (1987, §16.4), plus Kendall's tau
 * (S over the number of pairs) and Sen's (1968) slope — the definitions of pyMannKendall's
 * `original_test` and `sens_slope` (Hussain & Mahmud, 2019). The series is taken in order,
 * one value per period; NaN marks a missing period, which is skipped but keeps the positions
 * of the others (so Sen's slope stays per period).
 */
export type TrendDirection = 'increasing' | 'decreasing' | 'no trend';

export interface MannKendallResult {
  n: number;
  s: number;
  varianceS: number;
  z: number;
  p: number;
  tau: number;
  trend: TrendDirection;
  /** Median of the pairwise slopes (x_j − x_i) / (j − i), in value units per period. */
  senSlope: number;
  /** median(x) − slope × median(period index) over the present periods, numbered from 0. */
  intercept: number;
}

function median(sorted: Float64Array): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

function present(series: ArrayLike<number>): { values: number[]; positions: number[] } {
  const values: number[] = [];
  const positions: number[] = [];
  for (let i = 0; i < series.length; i++) {
    if (Number.isNaN(series[i]!)) continue;
    values.push(series[i]!);
    positions.push(i);
  }
  return { values, positions };
}

function tieCorrection(values: number[]): number {
  const sorted = Float64Array.from(values).sort();
  let correction = 0;
  let run = 1;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]) {
      run++;
      continue;
    }
    correction += run * (run - 1) * (2 * run + 5);
    run = 1;
  }
  return correction;
}

export function senSlope(series: ArrayLike<number>): { slope: number; intercept: number } {
  const { values, positions } = present(series);
  const n = values.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let k = 0;
  for (let i = 0; i < n - 1; i++) {
    for (let j = i + 1; j < n; j++) slopes[k++] = (values[j]! - values[i]!) / (positions[j]! - positions[i]!);
  }
  const slope = n > 1 ? median(slopes.sort()) : 0;
  return { slope, intercept: median(Float64Array.from(values).sort()) - median(Float64Array.from(positions)) * slope };
}

export function mannKendall(series: ArrayLike<number>, alpha = 0.05): MannKendallResult {
  const { values } = present(series);
  const n = values.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) for (let j = i + 1; j < n; j++) s += Math.sign(values[j]! - values[i]!);
  const varianceS = (n * (n - 1) * (2 * n + 5) - tieCorrection(values)) / 18;
  const z = varianceS > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(varianceS) : 0;
  const p = twoSidedP(z);
  const trend: TrendDirection = p < alpha ? (z > 0 ? 'increasing' : 'decreasing') : 'no trend';
  const { slope, intercept } = senSlope(series);
  return { n, s, varianceS, z, p, tau: n > 1 ? s / ((n * (n - 1)) / 2) : 0, trend, senSlope: slope, intercept };
}
