import { describe, expect, it } from 'vitest';
import { bandLabels, parseBounds } from './bands.js';

describe('near-repeat band bounds', () => {
  it('reads typed bounds, "inf" or ∞ closing an open last band', () => {
    expect(parseBounds('0, 100, 200 ,400')).toEqual([0, 100, 200, 400]);
    expect(parseBounds('0 7 14 ∞')).toEqual([0, 7, 14, 'inf']);
    expect(parseBounds('0;1;inf')).toEqual([0, 1, 'inf']);
  });

  it('refuses lists that are not increasing, too short, negative, or open before the end', () => {
    for (const text of ['0, 200, 100', '100', '', '-1, 5', '0, inf, 500', '0, 10, dix']) expect(parseBounds(text), text).toBeNull();
  });

  it('labels each band as the half-open interval the engine counts', () => {
    expect(bandLabels([0, 100, 200, 'inf'], 'm')).toEqual(['[0, 100) m', '[100, 200) m', '[200, ∞) m']);
  });
});
