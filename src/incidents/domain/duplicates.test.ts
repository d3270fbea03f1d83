import { describe, expect, it } from 'vitest';
import { distanceMetres, isProbableDuplicate, type DuplicateProbe } from './duplicates.js';

const base: DuplicateProbe = { family: 'D', occurredAt: new Date('2026-05-10T20:00:00Z'), entranceId: 7, lon: 2.8196, lat: 50.4388 };
/** Moves a point north by `metres` (one degree of latitude ≈ 111,195 m on the mean sphere). */
const north = (metres: number) => base.lat + metres / 111_195;

describe('duplicate rule', () => {
  it('measures distances like the published haversine value', () => {
    // The classic haversine example, Nashville BNA to Los Angeles LAX: 2887.26 km on a sphere of 6372.8 km.
    const published = 2887.26 * (6371.0088 / 6372.8);
    expect(distanceMetres({ lon: -86.67, lat: 36.12 }, { lon: -118.4, lat: 33.94 }) / 1000).toBeCloseTo(published, 1);
    expect(distanceMetres(base, { lon: base.lon, lat: north(50) })).toBeCloseTo(50, 1);
  });

  it('flags the same family within 48 h at the same entrance or within 50 m', () => {
    const later = (hours: number) => new Date(base.occurredAt.getTime() + hours * 3_600_000);
    expect(isProbableDuplicate({ ...base, occurredAt: later(47.9), lat: north(400) }, base)).toBe(true);
    expect(isProbableDuplicate({ ...base, entranceId: null, lat: north(49) }, base)).toBe(true);
    expect(isProbableDuplicate({ ...base, entranceId: 8, lat: north(51) }, base)).toBe(false);
    expect(isProbableDuplicate({ ...base, occurredAt: later(48.1) }, base)).toBe(false);
    expect(isProbableDuplicate({ ...base, occurredAt: later(-30) }, base)).toBe(true);
    expect(isProbableDuplicate({ ...base, family: 'A' }, base)).toBe(false);
  });
});
