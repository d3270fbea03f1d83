import { seededRandom } from './random.js';
import type { Neighbours } from './weights.js';

/**
 * Conditional permutation inference for Gi* (Anselin, 1995; PySAL esda `G_Local` `p_sim`):
 * for each unit, its own value stays and its W_i − 1 neighbours are replaced by values drawn
 * without replacement from the other units, `permutations` times. The pseudo p-value is
 * (1 + min(larger, permutations − larger)) / (1 + permutations), where `larger` counts the draws
 * whose neighbourhood sum is ≥ the observed one: a folded, one-sided value in the direction of
 * the observed statistic, as PySAL reports it. Seeded, so a seed reproduces a run.
 */
export interface PermutationOptions {
  permutations: number;
  seed: number;
  /** Called now and then with (units done, total units). */
  onProgress?: (done: number, total: number) => void;
}

export function giStarPermutationP(values: ArrayLike<number>, neighbours: Neighbours, options: PermutationOptions): Float64Array {
  const n = values.length;
  const random = seededRandom(options.seed);
  // pool[0 .. n − 2] always holds the other units; positionOf keeps swaps O(1).
  const pool = Int32Array.from({ length: n }, (_, i) => i);
  const positionOf = Int32Array.from({ length: n }, (_, i) => i);
  const swap = (a: number, b: number) => {
    const unitA = pool[a]!;
    const unitB = pool[b]!;
    pool[a] = unitB;
    pool[b] = unitA;
    positionOf[unitB] = a;
    positionOf[unitA] = b;
  };
  const pValues = new Float64Array(n);
  const step = Math.max(1, Math.floor(n / 100));
  for (let i = 0; i < n; i++) {
    const start = neighbours.offsets[i]!;
    const end = neighbours.offsets[i + 1]!;
    let observed = 0;
    for (let k = start; k < end; k++) observed += values[neighbours.indices[k]!]!;
    const draws = end - start - 1;
    swap(positionOf[i]!, n - 1);
    let larger = 0;
    for (let permutation = 0; permutation < options.permutations; permutation++) {
      let sum = values[i]!;
      for (let d = 0; d < draws; d++) {
        swap(d, d + random.int(n - 1 - d));
        sum += values[pool[d]!]!;
      }
      if (sum >= observed) larger++;
    }
    pValues[i] = (1 + Math.min(larger, options.permutations - larger)) / (1 + options.permutations);
    if ((i + 1) % step === 0 || i === n - 1) options.onProgress?.(i + 1, n);
  }
  return pValues;
}
