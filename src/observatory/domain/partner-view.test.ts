import { describe, expect, it } from 'vitest';
import { partnerHeat, partnerUnits } from './partner-view.js';

describe('partner maps', () => {
  it('gathers heat on the 1 km grid and leaves out cells that would give a small count away', () => {
    const heat = partnerHeat([
      // Two buildings in one cell (3 + 4 = 7), one cell of 2 (small), one of 9.
      { lon: 2.8196, lat: 50.4388, weight: 3 },
      { lon: 2.8199, lat: 50.4381, weight: 4 },
      { lon: 2.7819, lat: 50.2931, weight: 2 },
      { lon: 2.9001, lat: 50.3502, weight: 9 },
    ]);
    // The small cell alone would be total − shown: 7 is hidden too (the smallest that protects it).
    expect(heat.map((cell) => cell.weight).sort()).toEqual([9]);
    expect(heat[0]!.lon).toBeCloseTo(2.9025, 6);
    expect(heat[0]!.lat).toBeCloseTo(50.355, 6);
  });

  it('shows every cell when none is small', () => {
    expect(partnerHeat([{ lon: 2.81, lat: 50.43, weight: 6 }, { lon: 2.71, lat: 50.33, weight: 8 }]).map((cell) => cell.weight)).toEqual([6, 8]);
  });

  it('hides the counts and rates of hotspot units as any other table', () => {
    const units = partnerUnits([
      { id: 1, incidents: 2, ratePer100Dwellings: 4 },
      { id: 2, incidents: 0, ratePer100Dwellings: 0 },
      { id: 3, incidents: 12, ratePer100Dwellings: 6 },
      { id: 4, incidents: 30, ratePer100Dwellings: 3 },
    ]);
    expect(units.map((unit) => [unit.incidents, unit.ratePer100Dwellings])).toEqual([['< 5', 's'], [0, 0], ['s', 's'], [30, 3]]);
  });
});
