import { describe, expect, it } from 'vitest';
import { parseDay } from './analysis-rows.js';
import { periodLabel, periodOf } from './periods.js';

describe('periods and dates', () => {
  it('numbers months, quarters and years consecutively across a year end', () => {
    const december = parseDay('2024-12-31')!;
    const january = parseDay('2025-01-01')!;
    expect(january - december).toBe(1);
    expect(periodOf(january, 'month') - periodOf(december, 'month')).toBe(1);
    expect(periodLabel(periodOf(december, 'month'), 'month')).toBe('2024-12');
    expect(periodLabel(periodOf(parseDay('2025-05-02')!, 'quarter'), 'quarter')).toBe('2025-T2');
    expect(periodLabel(periodOf(january, 'year'), 'year')).toBe('2025');
  });

  it('reads ISO and French dates and rejects impossible ones', () => {
    expect(parseDay('15/03/2025')).toBe(parseDay('2025-03-15'));
    expect(parseDay('2025-03-15T12:00:00Z')).toBe(parseDay('2025-03-15')! + 0.5);
    expect(parseDay('2025-02-30')).toBeNull();
    expect(parseDay('mars 2025')).toBeNull();
  });
});
