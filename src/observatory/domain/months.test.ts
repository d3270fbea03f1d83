import { describe, expect, it } from 'vitest';
import { addMonths, comparedPeriods, monthsOf, parisMonth, quarters } from './months.js';

describe('months', () => {
  it('steps across years both ways', () => {
    expect(addMonths('2024-11', 3)).toBe('2025-02');
    expect(addMonths('2024-01', -1)).toBe('2023-12');
    expect(monthsOf({ from: '2024-11', to: '2025-02' })).toEqual(['2024-11', '2024-12', '2025-01', '2025-02']);
  });

  it('compares with the months just before and the same months a year earlier', () => {
    expect(comparedPeriods({ from: '2025-01', to: '2025-06' })).toEqual({
      current: { from: '2025-01', to: '2025-06' },
      previous: { from: '2024-07', to: '2024-12' },
      lastYear: { from: '2024-01', to: '2024-06' },
    });
    expect(quarters({ from: '2025-01', to: '2025-12' })).toEqual({ quarter: { from: '2025-10', to: '2025-12' }, previousQuarter: { from: '2025-07', to: '2025-09' } });
  });

  it('reads the month in Paris time', () => {
    expect(parisMonth(new Date('2025-01-31T23:30:00Z'))).toBe('2025-02');
    expect(parisMonth(new Date('2025-07-31T21:59:00Z'))).toBe('2025-07');
  });
});
