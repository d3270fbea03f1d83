import { describe, expect, it } from 'vitest';
import { hotCells, hotPlaces } from './hot-cells.js';

const cell = (id: number, lon: number, lat: number, bin: number, z: number) => ({ id, lon, lat, dwellings: 40, incidents: 12, ratePer100Dwellings: 30, z, p: 0.01, bin });

describe('hotCells', () => {
  it('keeps the hot cells, hottest first, named by the residences of the buildings inside each 200 m square', () => {
    const places = [
      { lon: 2.8196, lat: 50.4388, residence: 'Les Tilleuls', commune: 'Lens' },
      // About 60 m east of the first: the same 200 m cell.
      { lon: 2.8204, lat: 50.4388, residence: 'Le Parc', commune: 'Lens' },
      // About 1.1 km north: another cell.
      { lon: 2.8196, lat: 50.4488, residence: 'Les Acacias', commune: 'Liévin' },
    ];
    const cells = [cell(1, 2.8198, 50.4388, 2, 2.4), cell(2, 2.8196, 50.4488, 3, 3.5), cell(3, 2.9, 50.5, 0, 0.2), cell(4, 2.8196, 50.4488, -2, -2.5)];
    const hot = hotCells(cells, places, 200);
    expect(hot.map((found) => found.id)).toEqual([2, 1]);
    expect(hot[0]).toMatchObject({ residences: ['Les Acacias'], communes: ['Liévin'] });
    expect(hot[1]).toMatchObject({ residences: ['Le Parc', 'Les Tilleuls'], communes: ['Lens'] });
  });

  it('groups hot cells by their residences and leaves out those hot only through their neighbours', () => {
    const named = (id: number, residence: string, incidents: number, bin: number) =>
      ({ ...cell(id, 2.8, 50.4, bin, bin), incidents, dwellings: 20, residences: [residence], communes: ['Lens'] });
    const places = hotPlaces([named(1, 'Les Tilleuls', 4, 2), named(2, 'Les Tilleuls', 6, 3), named(3, 'Le Parc', 0, 3), named(4, 'Les Acacias', 30, 1)]);
    expect(places).toEqual([
      { residences: ['Les Tilleuls'], communes: ['Lens'], cells: 2, dwellings: 40, incidents: 10, ratePer100Dwellings: 25, bin: 3 },
      { residences: ['Les Acacias'], communes: ['Lens'], cells: 1, dwellings: 20, incidents: 30, ratePer100Dwellings: 150, bin: 1 },
    ]);
  });
});
