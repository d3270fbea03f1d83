import { describe, expect, it } from 'vitest';
import { figure, hiddenCellsAreSafe, suppressGroup, type Mark } from './suppression.js';

/** Every assignment of the hidden cells within their bounds that keeps their sum: how many values each cell can take. */
function possibleValues(values: readonly number[], marks: readonly Mark[]): Set<number>[] {
  const hidden = values.flatMap((value, index) => (marks[index] === 'shown' ? [] : [{ index, mark: marks[index]! }]));
  const sum = hidden.reduce((total, cell) => total + values[cell.index]!, 0);
  const seen = hidden.map(() => new Set<number>());
  const walk = (position: number, left: number, chosen: number[]) => {
    if (position === hidden.length) {
      if (left === 0) chosen.forEach((value, index) => seen[index]!.add(value));
      return;
    }
    const [low, high] = hidden[position]!.mark === 'small' ? [1, 4] : [5, sum];
    for (let value = low; value <= Math.min(high, left); value++) walk(position + 1, left - value, [...chosen, value]);
  };
  walk(0, sum, []);
  return seen;
}

describe('small-count suppression', () => {
  it.each([
    // cells, total hidden?, expected figures
    [[0, 12, 30], false, [0, 12, 30]],
    [[3, 12, 30], false, [ '< 5', 's', 30]],
    // 5 would be pinned (the reader knows a secret cell is 5 or more): 10 is hidden instead.
    [[1, 5, 10, 20], false, ['< 5', 5, 's', 20]],
    [[1, 4, 30], false, ['< 5', '< 5', 30]],
    // Two small cells adding up to 4: each may be 1, 2 or 3.
    [[2, 2, 30], false, ['< 5', '< 5', 30]],
    [[3, 12, 30], true, ['< 5', 12, 30]],
    [[6, 12, 30], true, ['s', 12, 30]],
    [[0, 0, 0], true, [0, 0, 0]],
  ] as const)('%j with the total %s hidden → %j', (values, totalHidden, expected) => {
    const { cells, totalMustHide } = suppressGroup(values, totalHidden);
    expect(values.map((value, index) => figure(value, cells[index]!))).toEqual(expected);
    expect(totalMustHide).toBe(false);
  });

  it('asks for the total to be hidden when no cell is left to hide', () => {
    expect(suppressGroup([4, 4], false).totalMustHide).toBe(true);
    expect(suppressGroup([1, 1, 1], false).totalMustHide).toBe(true);
    expect(suppressGroup([4, 0, 0], false).totalMustHide).toBe(true);
    expect(suppressGroup([1, 4], false).totalMustHide).toBe(false);
  });

  it('keeps marks given by another group sharing the cells', () => {
    expect(suppressGroup([8, 12, 30], false, ['secret', 'shown', 'shown']).cells).toEqual(['secret', 'secret', 'shown']);
  });

  it('never lets a hidden cell be recomputed from the published total (exhaustive over small tables)', () => {
    for (let a = 0; a <= 12; a++) {
      for (let b = 0; b <= 12; b++) {
        for (let c = 0; c <= 12; c++) {
          const values = [a, b, c];
          const { cells, totalMustHide } = suppressGroup(values, false);
          if (totalMustHide) continue;
          for (const [index, options] of possibleValues(values, cells).entries()) expect(options.size, `${values} ${cells} cell ${index}`).toBeGreaterThan(1);
          values.forEach((value, index) => expect(cells[index] === 'shown' || value > 0).toBe(true));
          values.forEach((value, index) => value > 0 && value < 5 && expect(cells[index]).toBe('small'));
        }
      }
    }
  });

  it('judges a set of hidden cells by the bounds a reader knows', () => {
    expect(hiddenCellsAreSafe([{ value: 1, mark: 'small' }, { value: 5, mark: 'secret' }])).toBe(false);
    expect(hiddenCellsAreSafe([{ value: 1, mark: 'small' }, { value: 6, mark: 'secret' }])).toBe(true);
    expect(hiddenCellsAreSafe([{ value: 4, mark: 'small' }, { value: 4, mark: 'small' }])).toBe(false);
  });
});
