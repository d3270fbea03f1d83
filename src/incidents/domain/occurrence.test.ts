import { describe, expect, it } from 'vitest';
import { AppError } from '../../core/errors.js';
import { parisDay, parisMidnight, parseOccurrence } from './occurrence.js';

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
});
