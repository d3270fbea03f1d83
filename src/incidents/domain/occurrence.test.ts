import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { normaliseDateTime, parisDay, parisWallClock, parisLocalInstant, parisMidnight, parseOccurrence } from './occurrence.js';

const now = new Date('2026-07-15T12:00:00Z');
const fieldOf = (work: () => unknown) => {
  try {
    work();
    return null;
  } catch (error) {
    return (error as AppError).errors[0]!.field;
  }
};

describe('occurrence', () => {
  it('stores a day alone as midnight in Paris, in winter and in summer', () => {
    expect(parisMidnight('2026-01-10').toISOString()).toBe('2026-01-09T23:00:00.000Z');
    expect(parisMidnight('2026-07-10').toISOString()).toBe('2026-07-09T22:00:00.000Z');
    // The day clocks go forward (29 March 2026) still starts at UTC+1.
    expect(parisMidnight('2026-03-29').toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(parisDay(new Date('2026-07-09T22:30:00Z'))).toBe('2026-07-10');
  });

  it('reads an instant, a period, or a day with time unknown', () => {
    expect(parseOccurrence('2026-07-10', null, now)).toEqual({ occurredAt: new Date('2026-07-09T22:00:00Z'), occurredUntil: null, timeUnknown: true });
    expect(parseOccurrence('2026-07-10T21:30:00+02:00', '2026-07-10T23:00:00+02:00', now)).toEqual({
      occurredAt: new Date('2026-07-10T19:30:00Z'), occurredUntil: new Date('2026-07-10T21:00:00Z'), timeUnknown: false,
    });
  });

  it('refuses the future and backwards periods, naming the field', () => {
    expect(fieldOf(() => parseOccurrence('2026-07-16', null, now))).toBe('occurredAt');
    expect(fieldOf(() => parseOccurrence('2026-07-10T21:30:00Z', '2026-07-10T20:00:00Z', now))).toBe('occurredUntil');
    expect(fieldOf(() => parseOccurrence('2026-07-10', '2026-07-11T20:00:00Z', now))).toBe('occurredUntil');
  });

  it('reads spreadsheet dates as Paris wall-clock times', () => {
    expect(parisLocalInstant('2026-07-10', '21:30').toISOString()).toBe('2026-07-10T19:30:00.000Z');
    expect(parisLocalInstant('2026-01-10', '21:30:15').toISOString()).toBe('2026-01-10T20:30:15.000Z');
    // 03:30 on 29 March 2026 exists only in summer time (clocks jumped from 02:00 to 03:00).
    expect(parisLocalInstant('2026-03-29', '03:30').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(normaliseDateTime('05/03/2024')).toBe('2024-03-05');
    expect(normaliseDateTime('2024-03-05 21:30')).toBe('2024-03-05T20:30:00.000Z');
    expect(normaliseDateTime('2024-03-05T21:30:00+01:00')).toBe('2024-03-05T20:30:00.000Z');
    expect(normaliseDateTime('31/02/2024')).toBeUndefined();
    expect(normaliseDateTime('29/02/2024')).toBe('2024-02-29');
    expect(normaliseDateTime('29/02/2023')).toBeUndefined();
    expect(normaliseDateTime('29/02/1900')).toBeUndefined();
    expect(normaliseDateTime('29/02/2000')).toBe('2000-02-29');
    expect(normaliseDateTime('2024-04-31')).toBeUndefined();
    expect(normaliseDateTime('2024-13-01')).toBeUndefined();
    expect(normaliseDateTime('2024-00-10')).toBeUndefined();
    expect(normaliseDateTime('2024-12-31 23:59')).toBe('2024-12-31T22:59:00.000Z');
    expect(normaliseDateTime('hier soir')).toBeUndefined();
    expect(normaliseDateTime('2024-03-05T21:30:00')).toBe('2024-03-05T20:30:00.000Z');
    expect(parisWallClock(new Date('2024-03-05T20:30:00Z'))).toBe('2024-03-05 21:30');
    expect(parisWallClock(new Date('2024-07-05T22:05:00Z'))).toBe('2024-07-06 00:05');
    expect(normaliseDateTime(parisWallClock(new Date('2024-10-26T20:40:00Z')))).toBe('2024-10-26T20:40:00.000Z');
    // 02:40 on 27 October 2024 happened twice (clocks went back at 03:00): read as winter time.
    expect(normaliseDateTime('2024-10-27 02:40')).toBe('2024-10-27T01:40:00.000Z');
  });
});
