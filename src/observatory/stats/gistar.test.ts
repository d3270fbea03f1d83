import { describe, expect, it } from 'vitest';
import { giStar, gridGiStar } from './gistar.js';
import { seededRandom } from './random.js';
import { distanceBandNeighbours, kNearestNeighbours } from './weights.js';

// PySAL esda `G_Local` docstring and tests (esda/getisord.py, test_getisord.py): six points,
// DistanceBand(threshold=15), binary weights, star=True → Zs.
const points = { x: [10, 20, 40, 15, 30, 30], y: [10, 10, 10, 20, 20, 30] };
const values = [2, 3, 3.2, 5, 8, 7];
const pysalStarZs = [-1.39727626, -0.28917762, 0.65064964, -0.28917762, 1.23452088, 2.02424331];

describe('Getis-Ord Gi*', () => {
  it('matches PySAL esda G_Local(star=True, transform="B") z-scores', () => {
    const result = giStar(values, distanceBandNeighbours(points, 15));
    result.z.forEach((z, i) => expect(z).toBeCloseTo(pysalStarZs[i]!, 7));
  });

  it('reports two-sided normal p-values and neighbourhood sizes including the unit itself', () => {
    const result = giStar(values, distanceBandNeighbours(points, 15));
    // Distances ≤ 15 (inclusive, as PySAL's DistanceBand): units 3 and 4 are exactly 15 apart.
    expect(Array.from(result.neighbourCount)).toEqual([3, 4, 2, 4, 5, 2]);
        // z = 2.02424331 lies just beyond the 97.5 % normal quantile 1.959964.
    expect(result.p[5]).toBeLessThan(0.05);
    expect(result.p[5]).toBeGreaterThan(0.04);
    expect(result.p[0]).toBeCloseTo(0.16233051, 6);
  });

  it('gives z = 0, p = 1 when all values are equal', () => {
    const result = giStar([4, 4, 4, 4, 4, 4], distanceBandNeighbours(points, 15));
    expect(Array.from(result.z)).toEqual([0, 0, 0, 0, 0, 0]);
    expect(Array.from(result.p)).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('builds k-nearest neighbourhoods of k others plus self', () => {
    const neighbours = kNearestNeighbours(points, 2);
    for (let i = 0; i < 6; i++) {
      const row = Array.from(neighbours.indices.subarray(neighbours.offsets[i]!, neighbours.offsets[i + 1]!));
      expect(row).toHaveLength(3);
      expect(row).toContain(i);
    }
    // Point 2 (40, 10): nearest are (30, 20) at 14.1 and (20, 10) at 20.
    expect(Array.from(neighbours.indices.subarray(neighbours.offsets[2]!, neighbours.offsets[3]!))).toEqual([1, 2, 4]);
  });

  it('grid fast path equals the general distance-band computation, with masked cells', () => {
    const random = seededRandom(7);
    const columns = 23;
    const rows = 17;
    const cellSize = 150;
    const gridValues = Float64Array.from({ length: columns * rows }, () => random.int(10));
    const present = Uint8Array.from({ length: columns * rows }, () => (random.int(5) === 0 ? 0 : 1));
    for (const distance of [200, 320, 470]) {
      const fast = gridGiStar({ columns, rows, cellSize, values: gridValues, present }, distance);
      const cells = [...present.keys()].filter((cell) => present[cell]);
      const centres = { x: cells.map((cell) => (cell % columns) * cellSize), y: cells.map((cell) => Math.floor(cell / columns) * cellSize) };
      const general = giStar(cells.map((cell) => gridValues[cell]!), distanceBandNeighbours(centres, distance));
      cells.forEach((cell, unit) => {
        expect(fast.neighbourCount[cell]).toBe(general.neighbourCount[unit]);
        expect(fast.z[cell]).toBeCloseTo(general.z[unit]!, 9);
      });
      expect(Number.isNaN(fast.z[present.indexOf(0)]!)).toBe(true);
    }
  });
});
