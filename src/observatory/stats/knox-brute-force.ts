import { bandIndex, pairDistance, runKnox, type KnoxEvents, type KnoxOptions, type KnoxResult } from './knox-bands.js';

/**
 * Reference Knox test that looks at every pair of events in every permutation, O(n²) each:
 * the baseline that `knoxTest` must equal (same seed, same permutations, same counts) and beat.
 */
export function knoxTestBruteForce(events: KnoxEvents, options: KnoxOptions): KnoxResult {
  const metric = options.metric ?? 'euclidean';
  const columns = options.timeBands.length - 1;
  return runKnox(events, options, (times, counts) => {
    for (let i = 0; i < times.length - 1; i++) {
      for (let j = i + 1; j < times.length; j++) {
        const row = bandIndex(options.distanceBands, pairDistance(metric, events.x[j]! - events.x[i]!, events.y[j]! - events.y[i]!));
        const column = bandIndex(options.timeBands, Math.abs(times[j]! - times[i]!));
        if (row >= 0 && column >= 0) counts[row * columns + column] = counts[row * columns + column]! + 1;
      }
    }
  });
}
