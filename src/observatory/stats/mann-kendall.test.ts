import { describe, expect, it } from 'vitest';
import { mannKendall, senSlope } from './mann-kendall.js';
import { arbitrarySeries } from './fixtures/pymannkendall-arbitrary.js';

// pyMannKendall tests/test_pymannkendall.py (`arbitrary_1d_data`, with 7 missing values).
describe('Mann-Kendall', () => {
  const series = arbitrarySeries;

  it('matches pyMannKendall original_test on the arbitrary series (with ties)', () => {
    const result = mannKendall(series);
    expect(result.n).toBe(353);
    expect(result.s).toBe(-1959);
    expect(result.varianceS).toBeCloseTo(4889800.333333333, 6);
    expect(result.z).toBeCloseTo(-0.8854562842589916, 9);
    expect(result.p).toBeCloseTo(0.37591058740506833, 6);
    expect(result.tau).toBeCloseTo(-0.03153167653875869, 12);
    expect(result.trend).toBe('no trend');
  });

  it("matches pyMannKendall sens_slope", () => {
    const { slope, intercept } = senSlope(series);
    expect(slope).toBeCloseTo(-0.006369426751592357, 12);
    expect(intercept).toBeCloseTo(96.15286624203821, 9);
  });

  it('finds the increasing trend of an (almost) linear series', () => {
    const linear = Array.from({ length: 360 }, (_, i) => i + i * 1e-13);
    const result = mannKendall(linear);
    expect(result.s).toBe(64620);
    expect(result.tau).toBe(1);
    expect(result.trend).toBe('increasing');
    expect(result.p).toBeLessThan(1e-12);
    expect(result.senSlope).toBeCloseTo(1, 9);
  });

  it('reports no trend on a constant series', () => {
    const result = mannKendall(new Array(12).fill(5));
    expect([result.s, result.varianceS, result.z, result.p, result.tau, result.senSlope]).toEqual([0, 0, 0, 1, 0, 0]);
    expect(result.trend).toBe('no trend');
  });
});
