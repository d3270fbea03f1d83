import { uniformFloat64 } from 'pure-rand/distribution/uniformFloat64';
import { uniformInt } from 'pure-rand/distribution/uniformInt';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** Seeded random draws: the same seed always gives the same sequence. */
export class Random {
  private readonly rng;

  constructor(seed: number) {
    this.rng = xoroshiro128plus(seed);
  }

  /** An integer in [from, to], both included. */
  int(from: number, to: number): number {
    return uniformInt(this.rng, from, to);
  }

  /** A float in [0, 1). */
  float(): number {
    return uniformFloat64(this.rng);
  }

  /** A float in [from, to). */
  between(from: number, to: number): number {
    return from + (to - from) * this.float();
  }

  chance(probability: number): boolean {
    return this.float() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('cannot pick from an empty list');
    return items[this.int(0, items.length - 1)]!;
  }

  /** `count` different items, in random order (partial Fisher–Yates shuffle). */
  sample<T>(items: readonly T[], count: number): T[] {
    if (count > items.length) throw new Error(`cannot draw ${count} different items out of ${items.length}`);
    const pool = [...items];
    for (let i = 0; i < count; i++) {
      const j = this.int(i, pool.length - 1);
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    return pool.slice(0, count);
  }

  /** Picks a key with probability proportional to its weight. */
  weighted<K extends string | number>(weights: readonly (readonly [K, number])[]): K {
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    let draw = this.float() * total;
    for (const [key, weight] of weights) {
      draw -= weight;
      if (draw < 0) return key;
    }
    return weights[weights.length - 1]![0];
  }
}
