import { describe, expect, it } from 'vitest';
import { emergingUnits, type MonthlyUnit } from './emerging-units.js';

/** A 9 × 9 grid of units 100 m apart, 100 dwellings each, one incident a month everywhere except where `extra` adds. */
function grid(months: number, extra: (column: number, row: number, month: number) => number): MonthlyUnit[] {
  const units: MonthlyUnit[] = [];
  for (let row = 0; row < 9; row++) {
    for (let column = 0; column < 9; column++) {
      const incidents = Array.from({ length: months }, (_, month) => 1 + ((column * 7 + row * 3 + month) % 3) + extra(column, row, month));
      units.push({ x: column * 100, y: row * 100, dwellings: 100, incidents });
    }
  }
  return units;
}
const centre = (column: number, row: number) => Math.abs(column - 4) <= 1 && Math.abs(row - 4) <= 1;
const at = (column: number, row: number) => row * 9 + column;

describe('emergingUnits', () => {
  it('finds a hot spot that appeared in the last month only as new', () => {
    const results = emergingUnits(grid(12, (column, row, month) => (centre(column, row) && month === 11 ? 30 : 0)), 12, 150);
    expect(results[at(4, 4)]!.category).toBe('new_hot_spot');
    expect(results[at(4, 4)]!.hotMonths).toBe(1);
    expect(results[at(0, 0)]!.category).toBe('no_pattern');
  });

  it('tells a hot spot that has grown every month (intensifying) from one that is hot throughout (persistent)', () => {
    const growing = emergingUnits(grid(12, (column, row, month) => (centre(column, row) ? 10 + 3 * month : 0)), 12, 150);
    const steady = emergingUnits(grid(12, (column, row) => (centre(column, row) ? 20 : 0)), 12, 150);
    expect(growing[at(4, 4)]!).toMatchObject({ category: 'intensifying_hot_spot', trend: 'increasing', hotMonths: 12 });
    expect(steady[at(4, 4)]!.category).toBe('persistent_hot_spot');
  });

  it('calls a hot spot of the past that has gone historical', () => {
    const results = emergingUnits(grid(12, (column, row, month) => (centre(column, row) && month < 11 ? 20 : 0)), 12, 150);
    expect(results[at(4, 4)]!.category).toBe('historical_hot_spot');
  });
});
