import { describe, expect, it } from 'vitest';
import { classifyEmerging } from './emerging.js';

/** z-scores whose two-sided p-values follow from the normal law (|z| 3 → p 0.0027, |z| 0.5 → p 0.62). */
function classify(states: string, zFor: (state: string, period: number) => number = (state) => ({ H: 3, C: -3, '.': 0.5 })[state]!) {
  const z = [...states].map((state, period) => zFor(state, period));
  const p = z.map((value) => (Math.abs(value) >= 2 ? 0.0027 : 0.62));
  return classifyEmerging(z, p).category;
}

describe('emerging hot spots (ESRI definitions)', () => {
  it('new: hot only in the final period', () => expect(classify('.........H')).toBe('new_hot_spot'));
  it('consecutive: one final run of at least two, never hot before', () => expect(classify('......HHHH')).toBe('consecutive_hot_spot'));
  it('sporadic: on and off, never cold', () => expect(classify('H..H..H..H')).toBe('sporadic_hot_spot'));
  it('oscillating: hot at the end, cold before', () => expect(classify('CC..H...HH')).toBe('oscillating_hot_spot'));
  it('historical: hot ≥ 90 % but not at the end', () => expect(classify('HHHHHHHHHH.')).toBe('historical_hot_spot'));
  it('persistent: hot ≥ 90 % without trend', () => expect(classify('HHHHHHHHHH', (_, t) => 3 + (t % 2) * 0.1)).toBe('persistent_hot_spot'));
  it('intensifying: hot ≥ 90 % with increasing z', () => expect(classify('HHHHHHHHHH', (_, t) => 3 + t)).toBe('intensifying_hot_spot'));
  it('diminishing: hot ≥ 90 % with decreasing z', () => expect(classify('HHHHHHHHHH', (_, t) => 13 - t)).toBe('diminishing_hot_spot'));
  it('mirrors cold spots: intensifying cold means z trending down', () => {
    expect(classify('CCCCCCCCCC', (_, t) => -3 - t)).toBe('intensifying_cold_spot');
    expect(classify('.........C')).toBe('new_cold_spot');
    expect(classify('HH..C...CC')).toBe('oscillating_cold_spot');
  });
  it('no pattern without significant periods', () => expect(classify('..........')).toBe('no_pattern'));
  it('reports the Mann-Kendall trend of the z-scores', () => {
    const result = classifyEmerging([1, 2, 3, 4, 5, 6, 7, 8], new Array(8).fill(0.5));
    expect(result.trend).toBe('increasing');
    expect(result.trendP).toBeLessThan(0.01);
  });
});
