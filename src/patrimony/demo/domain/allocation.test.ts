import { describe, expect, it } from 'vitest';
import { allocate } from './allocation.js';

describe('allocate', () => {
  it('splits a total proportionally with the largest remainders, ties to the first', () => {
    expect(allocate(10, [1, 1, 1], [0, 0, 0])).toEqual([4, 3, 3]);
    expect(allocate(100, [3, 1], [0, 0])).toEqual([75, 25]);
  });

  it('gives each share its minimum first, then splits the rest', () => {
    expect(allocate(20, [1, 0, 1], [3, 3, 3])).toEqual([9, 3, 8]);
  });

  it('refuses minimums larger than the total', () => {
    expect(() => allocate(5, [1, 1], [3, 3])).toThrow(/exceed/);
  });
});
