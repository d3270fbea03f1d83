import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { knoxTest } from './knox.js';
import { knoxTestBruteForce } from './knox-brute-force.js';
import { seededRandom } from './random.js';

const day = 86_400_000;

/** Chicago arsons 2016 (522 events, metres) shipped with the NearRepeat R package (inst/extdata). */
function chicagoArson() {
  const rows = readFileSync(new URL('./fixtures/chicago-arson.csv', import.meta.url), 'utf8').trim().split('\n').slice(1);
  const columns = rows.map((row) => row.split(','));
  return {
    x: columns.map(([x]) => Number(x)),
    y: columns.map(([, y]) => Number(y)),
    t: columns.map(([, , date]) => Date.parse(date!) / day),
  };
}

/**
 * Near Repeat Calculator 1.3 run on the same file, as published in NearRepeat's
 * inst/extdata/chicago_arson_NRverbose_2019-09-23_145637.csv (Manhattan distance, 200 m × 3
 * bands, 1 day × 3 bands, 99 iterations). Per the package's NRC vignette its columns are the
 * half-open [0, 1), [1, 2), [2, 3), [3, ∞) days and its rows "same location", [0, 200),
 * [200, 400), [400, 600), [600, ∞) m — on distances the NRC rounds to 0.1 m (one pair 399.961 m
 * apart is counted at 400, another 0.559 m apart is not "same location"). Exact distances with
 * every bound moved down by 0.05 m select the same pairs.
 */
const nrc = {
  distanceBands: [0, 0.05, 199.95, 399.95, 599.95, Infinity],
  timeBands: [0, 1, 2, 3, Infinity],
  observed: [
    [0, 2, 0, 8],
    [9, 1, 1, 45],
    [4, 0, 0, 140],
    [6, 0, 0, 234],
    [393, 710, 770, 133658],
  ],
  knoxRatio: [
    [null, 28.286, null, 0.814],
    [74.25, 3.667, 3.96, 0.813],
    [11.647, null, null, 0.986],
    [7.714, null, null, 0.989],
    [0.957, 0.999, 1.002, 1],
  ],
  pValue: [
    [1, 0.01, 1, 1],
    [0.01, 0.27, 0.23, 1],
    [0.01, 1, 1, 0.96],
    [0.01, 1, 1, 0.96],
    [1, 0.84, 0.3, 0.01],
  ],
};

describe('Knox test / near repeat', () => {
  const events = chicagoArson();
  const result = knoxTest(events, { distanceBands: nrc.distanceBands, timeBands: nrc.timeBands, iterations: 99, seed: 1, metric: 'manhattan' });
  const cell = (row: number, column: number) => result.cells[row * 4 + column]!;

  it('counts the same observed pairs as the Near Repeat Calculator', () => {
    nrc.observed.forEach((counts, row) => counts.forEach((count, column) => expect(cell(row, column).observed).toBe(count)));
    expect(result.cells.reduce((sum, { observed }) => sum + observed, 0)).toBe((522 * 521) / 2);
  });

  it('labels bands as half-open intervals', () => {
    expect(cell(1, 0).distance.label).toBe('[0.05, 199.95) m');
    expect(cell(4, 3).distance.label).toBe('[599.95, ∞) m');
    expect(cell(0, 3).time.label).toBe('[3, ∞) days');
  });

  it('agrees with the Calculator’s Monte-Carlo expectations where they are stable', () => {
    nrc.observed.forEach((counts, row) =>
      counts.forEach((count, column) => {
        const ratio = nrc.knoxRatio[row]![column]!;
        if (ratio === null || count / ratio < 50) return;
        expect(Math.abs(cell(row, column).expected / (count / ratio) - 1)).toBeLessThan(0.03);
      }),
    );
  });

  it('computes p-values as (1 + permutations ≥ observed) / (1 + permutations)', () => {
    for (const [row, column] of [[1, 0], [2, 0], [3, 0]] as const) expect(cell(row, column).pValue).toBe(nrc.pValue[row]![column]);
    expect(cell(0, 0).pValue).toBe(1);
    for (const knox of result.cells) expect(knox.knoxRatio).toBe(knox.expected > 0 ? knox.observed / knox.expected : null);
  });

  it('equals the brute-force baseline permutation by permutation', () => {
    const random = seededRandom(3);
    const sample = {
      x: Array.from({ length: 400 }, () => random.int(3000)),
      y: Array.from({ length: 400 }, () => random.int(3000)),
      t: Array.from({ length: 400 }, () => random.int(120) + random.int(10) / 10),
    };
    for (const [metric, distanceBands] of [
      ['euclidean', [0, 100, 200, 400]],
      ['manhattan', [50, 150, 300, Infinity]],
    ] as const) {
      const options = { distanceBands: [...distanceBands], timeBands: [0, 7, 14, 30], iterations: 19, seed: 5, metric };
      expect(knoxTest(sample, options)).toEqual(knoxTestBruteForce(sample, options));
    }
  });

  it('is reproducible by seed and reports progress', () => {
    const progress: number[] = [];
    const options = { distanceBands: [0, 200, 400], timeBands: [0, 7, 14], iterations: 9, seed: 42 };
    const first = knoxTest(events, { ...options, onProgress: (done: number) => progress.push(done) });
    expect(knoxTest(events, options)).toEqual(first);
    expect(knoxTest(events, { ...options, seed: 43 }).cells.map((c) => c.expected)).not.toEqual(first.cells.map((c) => c.expected));
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rejects bands that are not increasing', () => {
    expect(() => knoxTest(events, { distanceBands: [0, 200, 100], timeBands: [0, 7], iterations: 9, seed: 1 })).toThrow(/band/);
  });
});
