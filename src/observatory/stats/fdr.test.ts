import { describe, expect, it } from 'vitest';
import { benjaminiHochberg, hotspotBins } from './fdr.js';

// Benjamini & Hochberg (1995), §4.2: the 15 p-values of Neuhaus et al.'s trial. At q = 0.05
// the step-up procedure rejects the four smallest (threshold p(4) = 0.0095), where
// Bonferroni (0.05 / 15) rejects only three.
const paper = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.324, 0.4262, 0.5719, 0.6528, 0.759, 1];

describe('Benjamini–Hochberg', () => {
  it('reproduces the 1995 worked example', () => {
    const result = benjaminiHochberg(paper, 0.05);
    expect(Array.from(result.rejected)).toEqual(paper.map((_, i) => (i < 4 ? 1 : 0)));
    expect(result.threshold).toBe(0.0095);
    expect(paper.filter((p) => p <= 0.05 / 15)).toHaveLength(3);
  });

  it('does not depend on input order and ignores NaN', () => {
    const shuffled = [...paper].reverse();
    const result = benjaminiHochberg([Number.NaN, ...shuffled], 0.05);
    expect(result.rejected.reduce((a, b) => a + b, 0)).toBe(4);
    expect(result.rejected[0]).toBe(0);
    expect(Number.isNaN(result.adjusted[0]!)).toBe(true);
  });

  it('adjusted p-values are monotone and reject exactly where they are ≤ q', () => {
    const result = benjaminiHochberg(paper, 0.05);
    for (let i = 1; i < paper.length; i++) expect(result.adjusted[i]!).toBeGreaterThanOrEqual(result.adjusted[i - 1]!);
    paper.forEach((_, i) => expect(result.adjusted[i]! <= 0.05).toBe(result.rejected[i] === 1));
    expect(result.adjusted[0]).toBeCloseTo(15 * 0.0001, 12);
  });
});

describe('hot spot confidence bins', () => {
  const z = [3.1, -2.2, 1.7, 0.5, -2.7];
  const p = [0.0019, 0.0278, 0.0891, 0.617, 0.0069];

  it('bins by p-value at 99/95/90 % without correction', () => {
    expect(Array.from(hotspotBins(z, p, { fdr: false }))).toEqual([3, -2, 1, 0, -3]);
  });

  it('is stricter with the FDR correction', () => {
    const bins = Array.from(hotspotBins(z, p, { fdr: true }));
    // At α = 0.01, m = 5: p(1) = 0.0019 ≤ 0.002 and p(2) = 0.0069 ≤ 0.004 fails → only unit 0 at 99 %.
    expect(bins[0]).toBe(3);
    expect(bins[4]).toBe(-2);
    bins.forEach((bin, i) => expect(Math.abs(bin)).toBeLessThanOrEqual(Math.abs(hotspotBins(z, p, { fdr: false })[i]!)));
  });
});
