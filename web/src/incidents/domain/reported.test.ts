import { describe, expect, it } from 'vitest';
import { MAX_REPORTED, parseReported, withReported } from './reported.js';

describe('incidents recorded from this browser', () => {
  it('puts the newest first without repeating an id', () => {
    expect(withReported([3, 2, 1], 2)).toEqual([2, 3, 1]);
    expect(withReported([], 9)).toEqual([9]);
  });

  it('keeps the most recent ones only', () => {
    const many = Array.from({ length: MAX_REPORTED }, (_, index) => index + 1);
    const next = withReported(many, 1000);
    expect(next).toHaveLength(MAX_REPORTED);
    expect(next[0]).toBe(1000);
    expect(next).not.toContain(MAX_REPORTED);
  });

  it('ignores a damaged stored list', () => {
    expect(parseReported(null)).toEqual([]);
    expect(parseReported('{oops')).toEqual([]);
    expect(parseReported('{"a":1}')).toEqual([]);
    expect(parseReported('[4, "5", -1, 2.5, 6]')).toEqual([4, 6]);
  });
});
