import { expect, it } from 'vitest';
import { boundsOf } from './bounds.js';

it('encloses every position', () => {
  expect(boundsOf([[2.8195, 50.4387], [2.7818, 50.293], [3.06, 50.63]])).toEqual([[2.7818, 50.293], [3.06, 50.63]]);
});

it('is a single point for one position, and null for none', () => {
  expect(boundsOf([[2.78, 50.29]])).toEqual([[2.78, 50.29], [2.78, 50.29]]);
  expect(boundsOf([])).toBeNull();
});
