import { validationError } from '../../core/errors.js';
import { seededRandom, shuffleInPlace } from './random.js';

/**
 * What the Knox test implementations share: the bands, their honest half-open labels, the
 * permutation loop and the summary of a run.
 *
 * Bands are half-open: bounds [0, 100, 200] give [0, 100) and [100, 200); a last bound of
 * Infinity adds an open-ended band. Pairs outside every band are not counted, as in the
 * NearRepeat R package (Steenbeek, `cut(..., right = FALSE)`), which also documents why the
 * Near Repeat Calculator's "a to b" labels really mean [a − 1, b).
 */
export interface Band {
  from: number;
  to: number;
  label: string;
}

export type DistanceMetric = 'euclidean' | 'manhattan';

export interface KnoxEvents {
  /** Planar coordinates in metres. */
  x: ArrayLike<number>;
  y: ArrayLike<number>;
  /** Event times in days (fractional days allowed). */
  t: ArrayLike<number>;
}

export interface KnoxOptions {
  distanceBands: number[];
  timeBands: number[];
  iterations: number;
  seed: number;
  metric?: DistanceMetric;
  /** Called after each permutation with (done, total). */
  onProgress?: (done: number, total: number) => void;
}

export interface KnoxCell {
  distance: Band;
  time: Band;
  observed: number;
  /** Mean count over the permutations. */
  expected: number;
  /** observed / expected; null when nothing was expected. */
  knoxRatio: number | null;
  /** (1 + permutations with a count ≥ observed) / (1 + permutations), as the Near Repeat Calculator. */
  pValue: number;
}

export interface KnoxResult {
  distanceBands: Band[];
  timeBands: Band[];
  iterations: number;
  seed: number;
  metric: DistanceMetric;
  events: number;
  cells: KnoxCell[];
}

const formatBound = (value: number) => (value === Infinity ? '∞' : String(value));

export function bandsFrom(bounds: number[], unit: string, field: string): Band[] {
  const valid =
    bounds.length >= 2 &&
    bounds.every((bound) => !Number.isNaN(bound) && bound >= 0) &&
    bounds.every((bound, i) => i === 0 || bound > bounds[i - 1]!) &&
    bounds.slice(0, -1).every(Number.isFinite);
  if (!valid) {
    throw validationError('Bornes de classes invalides / Invalid band bounds', [
      { field, message: 'au moins deux bornes croissantes ≥ 0, seule la dernière peut être infinie / at least two increasing bounds ≥ 0, only the last may be infinite' },
    ]);
  }
  return bounds.slice(0, -1).map((from, i) => {
    const to = bounds[i + 1]!;
    return { from, to, label: `[${formatBound(from)}, ${formatBound(to)}) ${unit}` };
  });
}

/** Index of the half-open band holding `value`, −1 if none. */
export function bandIndex(bounds: ArrayLike<number>, value: number): number {
  if (value < bounds[0]!) return -1;
  for (let band = 1; band < bounds.length; band++) if (value < bounds[band]!) return band - 1;
  return -1;
}

export function pairDistance(metric: DistanceMetric, dx: number, dy: number): number {
  return metric === 'manhattan' ? Math.abs(dx) + Math.abs(dy) : Math.sqrt(dx * dx + dy * dy);
}

/**
 * Runs the Monte-Carlo loop: `tally(times, counts)` fills the contingency table for one
 * assignment of times to events; times are permuted across events (Knox, 1964; Johnson &
 * Bowers, 2004) with a seeded generator so that a seed reproduces a run.
 */
export function runKnox(events: KnoxEvents, options: KnoxOptions, tally: (times: Float64Array, counts: Float64Array) => void): KnoxResult {
  const distanceBands = bandsFrom(options.distanceBands, 'm', 'distanceBands');
  const timeBands = bandsFrom(options.timeBands, 'days', 'timeBands');
  if (!Number.isInteger(options.iterations) || options.iterations < 1) {
    throw validationError('Nombre de permutations invalide / Invalid iterations', [{ field: 'iterations', message: 'entier ≥ 1 / integer ≥ 1' }]);
  }
  const size = distanceBands.length * timeBands.length;
  const observed = new Float64Array(size);
  const times = Float64Array.from(events.t);
  tally(times, observed);
  const total = new Float64Array(size);
  const atLeast = new Float64Array(size);
  const simulated = new Float64Array(size);
  const random = seededRandom(options.seed);
  for (let iteration = 1; iteration <= options.iterations; iteration++) {
    shuffleInPlace(times, random);
    simulated.fill(0);
    tally(times, simulated);
    for (let cell = 0; cell < size; cell++) {
      total[cell] = total[cell]! + simulated[cell]!;
      if (simulated[cell]! >= observed[cell]!) atLeast[cell] = atLeast[cell]! + 1;
    }
    options.onProgress?.(iteration, options.iterations);
  }
  const cells = distanceBands.flatMap((distance, row) =>
    timeBands.map((time, column) => {
      const cell = row * timeBands.length + column;
      const expected = total[cell]! / options.iterations;
      return {
        distance,
        time,
        observed: observed[cell]!,
        expected,
        knoxRatio: expected > 0 ? observed[cell]! / expected : null,
        pValue: (1 + atLeast[cell]!) / (1 + options.iterations),
      };
    }),
  );
  return { distanceBands, timeBands, iterations: options.iterations, seed: options.seed, metric: options.metric ?? 'euclidean', events: events.t.length, cells };
}
