import { describe, expect, it } from 'vitest';
import { toLambert93 } from './lambert93.js';

describe('Lambert-93', () => {
  it('projects Arras (50.29301 N, 2.78186 E) to (684435.85, 7021704.36) m', () => {
    const [x, y] = toLambert93(2.78186, 50.29301);
    expect(x).toBeCloseTo(684435.85, 1);
    expect(y).toBeCloseTo(7021704.36, 1);
  });

  it('maps the projection origin (46.5 N, 3 E) to the false origin', () => {
    const [x, y] = toLambert93(3, 46.5);
    expect(x).toBeCloseTo(700000, 3);
    expect(y).toBeCloseTo(6600000, 3);
  });
});
