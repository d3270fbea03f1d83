import { describe, expect, it } from 'vitest';
import { toLambert93 } from '../../stats/io/lambert93.js';
import { binByHexagon, hexagonCentre, hexagonCorners, hexagonOf, hexagonRing } from './hexagons.js';

describe('hexagons', () => {
  it('puts every point in the hexagon whose centre is nearest', () => {
    const side = 100;
    for (let i = 0; i < 2000; i++) {
      const x = 650_000 + ((i * 7919) % 3000) + (i % 13) / 7;
      const y = 7_030_000 + ((i * 104_729) % 3000) + (i % 11) / 5;
      const found = hexagonOf(x, y, side);
      const [cx, cy] = hexagonCentre(found, side);
      const distance = Math.hypot(x - cx, y - cy);
      expect(distance).toBeLessThanOrEqual(side + 1e-9);
      for (const [dq, dr] of [[1, 0], [-1, 0], [0, 1], [0, -1], [1, -1], [-1, 1]]) {
        const [nx, ny] = hexagonCentre({ q: found.q + dq!, r: found.r + dr! }, side);
        expect(distance).toBeLessThanOrEqual(Math.hypot(x - nx, y - ny) + 1e-9);
      }
    }
  });

  it('places neighbours √3 × side apart and the corners at the side’s distance', () => {
    const [x0, y0] = hexagonCentre({ q: 4, r: -2 }, 125);
    const [x1, y1] = hexagonCentre({ q: 5, r: -2 }, 125);
    expect(Math.hypot(x1 - x0, y1 - y0)).toBeCloseTo(125 * Math.sqrt(3), 9);
    for (const [x, y] of hexagonCorners({ q: 4, r: -2 }, 125)) expect(Math.hypot(x - x0, y - y0)).toBeCloseTo(125, 9);
    const ring = hexagonRing({ q: 4, r: -2 }, 125);
    expect(ring).toHaveLength(7);
    expect(ring[6]).toEqual(ring[0]);
  });

  it('gathers units by hexagon, keyed on their axial coordinates', () => {
    const lens = { lon: 2.8319, lat: 50.4322 };
    const bins = binByHexagon([{ id: 1, ...lens }, { id: 2, lon: lens.lon + 0.0001, lat: lens.lat }, { id: 3, lon: 2.7813, lat: 50.2910 }], 125);
    expect(bins.map((bin) => bin.members)).toEqual([[1, 2], [3]]);
    const expected = hexagonOf(...toLambert93(lens.lon, lens.lat), 125);
    expect(bins[0]!.key).toBe(`${expected.q},${expected.r}`);
  });
});
