import { twoSidedP } from './normal.js';
import type { Neighbours } from './weights.js';

/**
 * Getis-Ord Gi* local statistic with binary weights (Getis & Ord, 1992; Ord & Getis, 1995),
 * as computed by ArcGIS "Hot Spot Analysis" and PySAL `esda.G_Local(star=True, transform="B")`:
 *
 *   z_i = (Σ_j w_ij x_j − x̄ W_i) / (S √((n W_i − W_i²) / (n − 1))),  W_i = Σ_j w_ij (self included),
 *
 * with x̄ and S the mean and population standard deviation of all n values. The z-score is
 * already standardised, so it is the statistic that is reported, with a two-sided normal p-value.
 * When it is undefined (all values equal, or a neighbourhood that covers every unit) z = 0, p = 1:
 * such data carry no evidence of clustering.
 */
export interface GiStarResult {
  z: Float64Array;
  p: Float64Array;
  /** W_i: the number of units in each neighbourhood, the unit itself included. */
  neighbourCount: Int32Array;
}

interface Moments {
  n: number;
  mean: number;
  deviation: number;
}

function zScore(localSum: number, weight: number, { n, mean, deviation }: Moments): number {
  const spread = deviation * Math.sqrt((n * weight - weight * weight) / (n - 1));
  return spread > 0 ? (localSum - mean * weight) / spread : 0;
}

function moments(values: ArrayLike<number>, present?: Uint8Array): Moments {
  let n = 0;
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < values.length; i++) {
    if (present && !present[i]) continue;
    const value = values[i]!;
    n++;
    sum += value;
    squares += value * value;
  }
  const mean = sum / n;
  return { n, mean, deviation: Math.sqrt(Math.max(squares / n - mean * mean, 0)) };
}

/** Gi* for units with any binary neighbourhood (distance band or k nearest, self included). */
export function giStar(values: ArrayLike<number>, neighbours: Neighbours): GiStarResult {
  const n = values.length;
  const stats = moments(values);
  const z = new Float64Array(n);
  const p = new Float64Array(n);
  const neighbourCount = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let localSum = 0;
    const end = neighbours.offsets[i + 1]!;
    for (let k = neighbours.offsets[i]!; k < end; k++) localSum += values[neighbours.indices[k]!]!;
    const weight = end - neighbours.offsets[i]!;
    neighbourCount[i] = weight;
    z[i] = zScore(localSum, weight, stats);
    p[i] = twoSidedP(z[i]!);
  }
  return { z, p, neighbourCount };
}

/**
 * A regular grid of square cells, row-major (`values[row * columns + column]`). `present`
 * marks the cells that are units (1) and those outside the study area (0); without it every
 * cell is a unit. Absent cells get z = p = NaN.
 */
export interface Grid {
  columns: number;
  rows: number;
  cellSize: number;
  values: Float64Array;
  present?: Uint8Array;
}

/**
 * Half-widths, in cells, of the rows of a disc of radius `distance`: the cells whose centres
 * are within `distance` of the centre cell's centre (the same neighbourhood as
 * `distanceBandNeighbours` on the cell centres). The tolerance absorbs rounding of exact ties.
 */
export function discHalfWidths(distance: number, cellSize: number): number[] {
  const tolerance = 1e-9;
  const radius = Math.floor(distance / cellSize + tolerance);
  const widths: number[] = [];
  for (let dy = -radius; dy <= radius; dy++) {
    const remaining = distance * distance - dy * cellSize * (dy * cellSize);
    widths.push(Math.floor(Math.sqrt(Math.max(remaining, 0)) / cellSize + tolerance));
  }
  return widths;
}

/**
 * Fast path of Gi* on a regular grid with a distance band: per-row prefix sums turn each
 * neighbourhood sum into one subtraction per disc row, O(cells × disc rows) in all instead of
 * O(cells × disc cells), with no neighbour lists in memory.
 */
export function gridGiStar(grid: Grid, distance: number): GiStarResult {
  const { columns, rows, values, present } = grid;
  const stride = columns + 1;
  const sums = new Float64Array(rows * stride);
  const counts = new Int32Array(rows * stride);
  for (let row = 0; row < rows; row++) {
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column;
      const inside = present ? present[cell]! : 1;
      const at = row * stride + column;
      sums[at + 1] = sums[at]! + (inside ? values[cell]! : 0);
      counts[at + 1] = counts[at]! + inside;
    }
  }
  const stats = moments(values, present);
  const widths = discHalfWidths(distance, grid.cellSize);
  const radius = (widths.length - 1) / 2;
  // W_i takes few values (at most the disc size): tabulate the denominator once per W.
  const spreadOf = Float64Array.from({ length: widths.reduce((sum, width) => sum + 2 * width + 1, 0) + 1 }, (_, weight) =>
    stats.deviation * Math.sqrt((stats.n * weight - weight * weight) / (stats.n - 1)),
  );
  const size = columns * rows;
  const z = new Float64Array(size);
  const p = new Float64Array(size);
  const neighbourCount = new Int32Array(size);
  let lastScore = Number.NaN;
  let lastP = Number.NaN;
  for (let row = 0; row < rows; row++) {
    const firstRow = Math.max(row - radius, 0);
    const lastRow = Math.min(row + radius, rows - 1);
    for (let column = 0; column < columns; column++) {
      const cell = row * columns + column;
      if (present && !present[cell]) {
        z[cell] = p[cell] = Number.NaN;
        continue;
      }
      let localSum = 0;
      let weight = 0;
      for (let other = firstRow; other <= lastRow; other++) {
        const halfWidth = widths[other - row + radius]!;
        const from = other * stride + (column > halfWidth ? column - halfWidth : 0);
        const to = other * stride + (column + halfWidth < columns ? column + halfWidth + 1 : columns);
        localSum += sums[to]! - sums[from]!;
        weight += counts[to]! - counts[from]!;
      }
      const spread = spreadOf[weight]!;
      const score = spread > 0 ? (localSum - stats.mean * weight) / spread : 0;
      neighbourCount[cell] = weight;
      z[cell] = score;
      // Neighbouring cells often share a score (empty areas): the p-value is reused, not recomputed.
      if (score !== lastScore) {
        lastScore = score;
        lastP = twoSidedP(score);
      }
      p[cell] = lastP;
    }
  }
  return { z, p, neighbourCount };
}
