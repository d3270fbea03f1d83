import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/**
 * Seeded random integers for permutation tests: xoroshiro128+ (Blackman & Vigna, 2018) from
 * pure-rand, so that the same seed gives the same permutations on every machine.
 */
export interface SeededRandom {
  /** Uniform integer in [0, maxExclusive). */
  int(maxExclusive: number): number;
}

export function seededRandom(seed: number): SeededRandom {
  const generator = xoroshiro128plus(seed);
  return { int: (maxExclusive) => uniformInt(generator, 0, maxExclusive - 1) };
}

/** In-place Fisher–Yates shuffle (Knuth, TAOCP vol. 2, algorithm P). */
export function shuffleInPlace(values: { length: number; [index: number]: number }, random: SeededRandom): void {
  for (let i = values.length - 1; i > 0; i--) {
    const j = random.int(i + 1);
    const kept = values[i]!;
    values[i] = values[j]!;
    values[j] = kept;
  }
}
