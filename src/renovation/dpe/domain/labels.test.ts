import { describe, expect, it } from 'vitest';
import { boundsFor, classFor, DPE_CLASSES, dpeLabel, isHighAltitudeVariant, primaryEnergyCeiling, STANDARD_ENERGY_BOUNDS, worseClass } from './labels.js';

/** A value equal to a bound falls in the worse class; just under it, in the better one. */
function expectBoundaries(bounds: readonly number[], classify: (value: number) => string) {
  bounds.forEach((bound, index) => {
    expect(classify(bound - 0.01), `just under ${bound}`).toBe(DPE_CLASSES[index]);
    expect(classify(bound), `at ${bound}`).toBe(DPE_CLASSES[index + 1]);
  });
}

describe('standard bounds, arrêté du 31 mars 2021 (≥ 40 m², below 800 m)', () => {
  it.each([
    ['A', 0, 69.99, 0, 5.99],
    ['B', 70, 109.99, 6, 10.99],
    ['C', 110, 179.99, 11, 29.99],
    ['D', 180, 249.99, 30, 49.99],
    ['E', 250, 329.99, 50, 69.99],
    ['F', 330, 419.99, 70, 99.99],
    ['G', 420, 1200, 100, 400],
  ])('class %s: energy from %d to %d, GHG from %d to %d', (expected, energyLow, energyHigh, ghgLow, ghgHigh) => {
    for (const primaryEnergy of [energyLow, energyHigh]) expect(dpeLabel({ primaryEnergy, ghgEmissions: 0 }).energy).toBe(expected);
    for (const ghgEmissions of [ghgLow, ghgHigh]) expect(dpeLabel({ primaryEnergy: 0, ghgEmissions }).ghg).toBe(expected);
  });

  it('puts a value equal to a threshold in the worse class', () => {
    expectBoundaries([70, 110, 180, 250, 330, 420], (value) => dpeLabel({ primaryEnergy: value, ghgEmissions: 0 }).energy);
    expectBoundaries([6, 11, 30, 50, 70, 100], (value) => dpeLabel({ primaryEnergy: 0, ghgEmissions: value }).ghg);
  });

  it('labels the dwelling with the worse of the energy and climate classes', () => {
    expect(dpeLabel({ primaryEnergy: 95, ghgEmissions: 55 })).toEqual({ energy: 'B', ghg: 'E', overall: 'E' });
    expect(dpeLabel({ primaryEnergy: 430, ghgEmissions: 3 })).toEqual({ energy: 'G', ghg: 'A', overall: 'G' });
    expect(dpeLabel({ primaryEnergy: 200, ghgEmissions: 40 })).toEqual({ energy: 'D', ghg: 'D', overall: 'D' });
    expect(worseClass('C', 'F')).toBe('F');
    expect(worseClass('G', 'A')).toBe('G');
  });

  it('uses the standard bounds from 40 m² and when the surface is unknown', () => {
    expect(dpeLabel({ primaryEnergy: 335, ghgEmissions: 0, referenceSurface: 40 }).energy).toBe('F');
    expect(dpeLabel({ primaryEnergy: 335, ghgEmissions: 0, referenceSurface: null }).energy).toBe('F');
    expect(classFor(421, STANDARD_ENERGY_BOUNDS)).toBe('G');
  });
});

describe('high-altitude bounds (> 800 m, zones H1b, H1c, H2d)', () => {
  it.each([
    ['A', 69.99, 5.99],
    ['B', 109.99, 10.99],
    ['C', 179.99, 29.99],
    ['D', 249.99, 49.99],
    ['E', 389.99, 79.99],
    ['F', 499.99, 109.99],
    ['G', 500, 110],
  ])('class %s up to energy %d and GHG %d', (expected, primaryEnergy, ghgEmissions) => {
    expect(dpeLabel({ primaryEnergy, ghgEmissions: 0, highAltitude: true }).energy).toBe(expected);
    expect(dpeLabel({ primaryEnergy: 0, ghgEmissions, highAltitude: true }).ghg).toBe(expected);
  });

  it('moves only the E and F bounds', () => {
    expectBoundaries([70, 110, 180, 250, 390, 500], (value) => dpeLabel({ primaryEnergy: value, ghgEmissions: 0, highAltitude: true }).energy);
    expectBoundaries([6, 11, 30, 50, 80, 110], (value) => dpeLabel({ primaryEnergy: 0, ghgEmissions: value, highAltitude: true }).ghg);
    expect(dpeLabel({ primaryEnergy: 400, ghgEmissions: 75 })).toMatchObject({ overall: 'F' });
    expect(dpeLabel({ primaryEnergy: 400, ghgEmissions: 75, highAltitude: true })).toMatchObject({ energy: 'F', ghg: 'E', overall: 'F' });
  });

  it('applies only above 800 m in the three mountain climate zones', () => {
    expect(isHighAltitudeVariant(true, 'H1b')).toBe(true);
    expect(isHighAltitudeVariant(true, 'h2d')).toBe(true);
    expect(isHighAltitudeVariant(true, 'H3')).toBe(false);
    expect(isHighAltitudeVariant(true, 'H1a')).toBe(false);
    expect(isHighAltitudeVariant(false, 'H1c')).toBe(false);
    expect(isHighAltitudeVariant(true, null)).toBe(true);
  });
});

/**
 * The published table of the arrêté du 25 mars 2024 (ported as expected values): surface,
 * energy A–F, energy E/F above 800 m, GHG A–F, GHG E/F above 800 m.
 */
const PUBLISHED_SMALL_SURFACE_TABLE: [number, number[], number[], number[], number[]][] = [
  [8, [146, 186, 386, 505, 622, 739], [682, 819], [11, 16, 44, 68, 90, 122], [100, 132]],
  [9, [134, 174, 355, 464, 574, 685], [634, 765], [11, 16, 42, 65, 87, 118], [97, 128]],
  [10, [124, 164, 329, 428, 533, 640], [593, 720], [10, 15, 40, 62, 84, 115], [94, 125]],
  [11, [117, 157, 311, 403, 503, 607], [563, 687], [10, 15, 39, 61, 82, 113], [92, 123]],
  [12, [112, 152, 296, 381, 478, 578], [538, 658], [9, 14, 38, 59, 81, 111], [91, 121]],
  [13, [108, 148, 283, 363, 456, 554], [516, 634], [9, 14, 37, 58, 79, 110], [89, 120]],
  [14, [104, 144, 273, 348, 437, 532], [497, 612], [9, 14, 37, 58, 78, 108], [88, 118]],
  [15, [100, 140, 263, 333, 421, 514], [481, 594], [8, 13, 36, 56, 76, 107], [86, 117]],
  [16, [97, 137, 255, 325, 412, 504], [472, 584], [8, 13, 35, 55, 76, 106], [86, 116]],
  [17, [95, 135, 248, 318, 404, 496], [464, 576], [8, 13, 35, 55, 75, 105], [85, 115]],
  [18, [92, 132, 241, 311, 397, 489], [457, 569], [8, 13, 34, 54, 75, 105], [85, 115]],
  [19, [90, 130, 235, 305, 390, 482], [450, 562], [8, 13, 34, 54, 74, 105], [84, 115]],
  [20, [88, 128, 230, 300, 385, 476], [445, 556], [8, 13, 34, 54, 74, 104], [84, 114]],
  [21, [87, 127, 225, 295, 380, 471], [440, 551], [8, 13, 33, 53, 74, 104], [84, 114]],
  [22, [85, 125, 221, 291, 375, 466], [435, 546], [7, 12, 33, 53, 73, 103], [83, 113]],
  [23, [84, 124, 217, 287, 371, 462], [431, 542], [7, 12, 33, 53, 73, 103], [83, 113]],
  [24, [82, 122, 214, 284, 367, 458], [427, 538], [7, 12, 33, 53, 73, 103], [83, 113]],
  [25, [81, 121, 210, 280, 363, 454], [423, 534], [7, 12, 32, 52, 73, 103], [83, 113]],
  [26, [80, 120, 207, 277, 360, 451], [420, 531], [7, 12, 32, 52, 72, 103], [82, 113]],
  [27, [79, 119, 204, 274, 357, 447], [417, 527], [7, 12, 32, 52, 72, 102], [82, 112]],
  [28, [78, 118, 202, 272, 354, 444], [414, 524], [7, 12, 32, 52, 72, 102], [82, 112]],
  [29, [77, 117, 199, 269, 351, 442], [411, 522], [7, 12, 32, 52, 72, 102], [82, 112]],
  [30, [76, 116, 197, 267, 349, 439], [409, 519], [7, 12, 32, 52, 72, 102], [82, 112]],
  [31, [76, 116, 195, 265, 346, 437], [406, 517], [7, 12, 31, 51, 72, 102], [82, 112]],
  [32, [75, 115, 193, 263, 344, 434], [404, 514], [7, 12, 31, 51, 71, 101], [81, 111]],
  [33, [74, 114, 191, 261, 342, 432], [402, 512], [7, 12, 31, 51, 71, 101], [81, 111]],
  [34, [74, 114, 189, 259, 340, 430], [400, 510], [7, 12, 31, 51, 71, 101], [81, 111]],
  [35, [73, 113, 188, 258, 338, 428], [398, 508], [7, 12, 31, 51, 71, 101], [81, 111]],
  [36, [72, 112, 186, 256, 337, 427], [397, 507], [7, 12, 31, 51, 71, 101], [81, 111]],
  [37, [72, 112, 185, 255, 335, 425], [395, 505], [7, 12, 31, 51, 71, 101], [81, 111]],
  [38, [71, 111, 183, 253, 333, 423], [393, 503], [7, 12, 31, 51, 71, 101], [81, 111]],
  [39, [71, 111, 182, 252, 332, 422], [392, 502], [7, 12, 31, 51, 71, 101], [81, 111]],
];

describe('small-dwelling bounds, arrêté du 25 mars 2024 (under 40 m²)', () => {
  it.each(PUBLISHED_SMALL_SURFACE_TABLE)('row %d m²', (surface, energy, energyHigh, ghg, ghgHigh) => {
    const label = (primaryEnergy: number, ghgEmissions: number, highAltitude = false) =>
      dpeLabel({ primaryEnergy, ghgEmissions, referenceSurface: surface, highAltitude });
    expectBoundaries(energy, (value) => label(value, 0).energy);
    expectBoundaries(ghg, (value) => label(0, value).ghg);
    expectBoundaries([...energy.slice(0, 4), ...energyHigh], (value) => label(value, 0, true).energy);
    expectBoundaries([...ghg.slice(0, 4), ...ghgHigh], (value) => label(0, value, true).ghg);
  });

  it('matches the figures quoted when the arrêté was published', () => {
    // E/F energy bound: 349 at 30 m², 385 at 20 m²; F/G: 422 at 39 m², 439 at 30 m².
    expect(boundsFor(30, false).energy[4]).toBe(349);
    expect(boundsFor(20, false).energy[4]).toBe(385);
    expect(boundsFor(39, false).energy[5]).toBe(422);
    expect(boundsFor(30, false).energy[5]).toBe(439);
  });

  it('caps the primary energy of each class across all tables', () => {
    expect(DPE_CLASSES.map(primaryEnergyCeiling)).toEqual([146, 186, 386, 505, 682, 819, Number.POSITIVE_INFINITY]);
  });

  it('rounds the surface to the nearest square metre and uses the 8 m² row below 8 m²', () => {
    expect(boundsFor(29.4, false)).toEqual(boundsFor(29, false));
    expect(boundsFor(29.5, false)).toEqual(boundsFor(30, false));
    expect(boundsFor(5, false)).toEqual(boundsFor(8, false));
    expect(boundsFor(39.5, false).energy).toEqual([70, 110, 180, 250, 330, 420]);
  });

  it('takes a 20 m² studio at 380 kWh out of the passoires', () => {
    expect(dpeLabel({ primaryEnergy: 380, ghgEmissions: 12, referenceSurface: 60 })).toEqual({ energy: 'F', ghg: 'C', overall: 'F' });
    expect(dpeLabel({ primaryEnergy: 380, ghgEmissions: 12, referenceSurface: 20 })).toEqual({ energy: 'E', ghg: 'B', overall: 'E' });
  });
});
