import { describe, expect, it } from 'vitest';
import type { ResidenceDetail } from '../../shared/api.js';
import { metresBetween, nearestOffline } from './offlineNearest.js';

const building = (id: number, lon: number, lat: number, entrances: number[]) =>
  ({ id, externalId: `B${id}`, name: null, address: '', constructionYear: null, lon, lat, entrances: entrances.map((entrance) => ({ id: entrance, name: `E${entrance}`, dwellings: 4 })), dwellings: 8, collective: 8 });

const residence = (id: number, buildings: ReturnType<typeof building>[]) => ({ id, name: `Résidence ${id}`, buildings }) as unknown as ResidenceDetail;

// Lens, about 71 m per 0.001° of longitude and 111 m per 0.001° of latitude.
const TAP = { lon: 2.83, lat: 50.43 };

describe('nearestOffline', () => {
  it('measures metres on the ground', () => {
    expect(metresBetween(2.83, 50.43, 2.83, 50.431)).toBeCloseTo(111.2, 0);
    expect(metresBetween(2.83, 50.43, 2.831, 50.43)).toBeCloseTo(70.9, 0);
  });

  it('lists the places within 200 m, nearest first, entrances before their building', () => {
    const kept = [
      residence(1, [building(10, 2.8305, 50.43, [100, 101]), building(11, 2.83, 50.4315, [])]),
      residence(2, [building(20, 2.8301, 50.4301, [200]), building(21, 2.84, 50.43, [210])]),
    ];
    const found = nearestOffline(kept, TAP.lon, TAP.lat);
    expect(found.map((place) => `${place.kind}:${place.id}`)).toEqual(['entrance:200', 'building:20', 'entrance:100', 'entrance:101', 'building:10']);
    expect(found[0]).toMatchObject({ buildingId: 20, residenceId: 2, residenceName: 'Résidence 2', lon: 2.8301, lat: 50.4301 });
    expect(found[2]!.distanceMetres).toBeCloseTo(35.5, 0);
  });

  it('finds nothing beyond 200 m', () => {
    expect(nearestOffline([residence(1, [building(11, 2.83, 50.432, [110])])], TAP.lon, TAP.lat)).toEqual([]);
  });
});
