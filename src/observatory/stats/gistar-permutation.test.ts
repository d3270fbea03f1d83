import { describe, expect, it } from 'vitest';
import { giStar } from './gistar.js';
import { giStarPermutationP } from './gistar-permutation.js';
import { seededRandom } from './random.js';
import { distanceBandNeighbours } from './weights.js';

describe('Gi* permutation inference', () => {
  const random = seededRandom(11);
  const side = 20;
  const points = { x: [] as number[], y: [] as number[] };
  const values: number[] = [];
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      points.x.push(column * 100);
      points.y.push(row * 100);
      // A hot corner over noise.
      values.push(random.int(5) + (row < 5 && column < 5 ? 8 : 0));
    }
  }
  const neighbours = distanceBandNeighbours(points, 150);

  it('is reproducible by seed, within [1/(R+1), 1/2], and reports progress', () => {
    const progress: number[] = [];
    const first = giStarPermutationP(values, neighbours, { permutations: 99, seed: 1, onProgress: (done) => progress.push(done) });
    expect(giStarPermutationP(values, neighbours, { permutations: 99, seed: 1 })).toEqual(first);
    for (const p of first) {
      expect(p).toBeGreaterThanOrEqual(0.01);
      expect(p).toBeLessThanOrEqual(0.5);
    }
    expect(progress.at(-1)).toBe(side * side);
  });

  it('agrees with the analytic test on where the clusters are', () => {
    const pseudo = giStarPermutationP(values, neighbours, { permutations: 999, seed: 2 });
    const analytic = giStar(values, neighbours);
    const centre = 2 * side + 2;
    expect(pseudo[centre]).toBe(0.001);
    expect(analytic.p[centre]).toBeLessThan(0.001);
    // Folded one-sided pseudo p ≈ half the two-sided analytic p where the normal law holds.
    let agreeing = 0;
    for (let i = 0; i < values.length; i++) if ((pseudo[i]! < 0.05) === (analytic.p[i]! < 0.1)) agreeing++;
    expect(agreeing / values.length).toBeGreaterThan(0.9);
  });
});
