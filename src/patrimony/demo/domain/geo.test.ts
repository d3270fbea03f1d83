import { describe, expect, it } from 'vitest';
import { distanceMetres, offsetMetres, spiralPoint } from './geo.js';

const arras = { lon: 2.7818, lat: 50.293 };

describe('metric offsets around a point', () => {
  it('moves by the given metres east and north', () => {
    expect(distanceMetres(arras, offsetMetres(arras, 0, 1_000))).toBeCloseTo(1_000, -1);
    expect(distanceMetres(arras, offsetMetres(arras, 300, 400))).toBeCloseTo(500, -1);
    expect(offsetMetres(arras, 0, 1_000).lon).toBe(arras.lon);
  });

  it('spreads spiral points without putting two on the same spot', () => {
    const points = Array.from({ length: 30 }, (_, index) => spiralPoint(arras, index, 45));
    let closest = Infinity;
    for (let i = 0; i < points.length; i++) {
      for (let j = i + 1; j < points.length; j++) closest = Math.min(closest, distanceMetres(points[i]!, points[j]!));
    }
    expect(closest).toBeGreaterThan(30);
    expect(distanceMetres(arras, points[29]!)).toBeLessThan(45 * Math.sqrt(29) + 1);
  });
});
