import { describe, expect, it } from 'vitest';
import { formatCents, parseEurosToCents } from './money.js';

describe('euro amounts typed in forms', () => {
  it('reads French and English writings into exact cents', () => {
    expect(parseEurosToCents('400 000,01')).toBe(40_000_001);
    expect(parseEurosToCents('400\u202f000,5 €')).toBe(40_000_050);
    expect(parseEurosToCents('1234.56')).toBe(123_456);
    expect(parseEurosToCents('0,29')).toBe(29);
    expect(parseEurosToCents('12')).toBe(1_200);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '1,234', '-5', '1.2.3', '12,']) expect(parseEurosToCents(text), text).toBeNull();
  });

  it('formats cents in the reader’s language', () => {
    expect(formatCents(40_000_001, 'fr')).toBe('400\u202f000,01\u00a0€');
    expect(formatCents(40_000_001, 'en')).toBe('€400,000.01');
  });
});
