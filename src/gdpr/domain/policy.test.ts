import { describe, expect, it } from 'vitest';
import { cutoff, cutoffs, effectivePolicy, parseOverride, RETENTION_RULES, RULES } from './policy.js';

describe('retention policy', () => {
  it('gives the defaults when the organisation overrides nothing', () => {
    expect(effectivePolicy([])).toEqual({
      incident_anonymise: 60, incident_photos: 12, sessions: 12, pre_litigation_closed: 6, pre_litigation_limitation: 72,
    });
  });

  it('applies an override to its rule only', () => {
    const policy = effectivePolicy([{ rule: 'incident_photos', months: 3 }]);
    expect(policy.incident_photos).toBe(3);
    expect(policy.incident_anonymise).toBe(RULES.incident_anonymise.defaultMonths);
  });

  it.each([
    ['2026-11-23T10:00:00Z', 12, '2025-11-23T10:00:00.000Z'],
    ['2026-03-31T00:00:00Z', 1, '2026-02-28T00:00:00.000Z'],
    ['2024-03-31T00:00:00Z', 1, '2024-02-29T00:00:00.000Z'],
    ['2026-01-15T08:30:00Z', 60, '2021-01-15T08:30:00.000Z'],
    ['2026-05-10T00:00:00Z', 0, '2026-05-10T00:00:00.000Z'],
  ])('cuts %s back by %i months to %s', (now, months, expected) => {
    expect(cutoff(new Date(now), months).toISOString()).toBe(expected);
  });

  it('gives every rule a cutoff', () => {
    const all = cutoffs(effectivePolicy([]), new Date('2026-11-23T00:00:00Z'));
    expect(Object.keys(all).sort()).toEqual([...RETENTION_RULES].sort());
    expect(all.sessions.toISOString()).toBe('2025-11-23T00:00:00.000Z');
  });

  it.each([
    ['sessions=6', { rule: 'sessions', months: 6 }],
    ['sessions', { error: expect.stringContaining('rule=months') }],
    ['photos=6', { error: expect.stringContaining('unknown rule') }],
    ['sessions=-1', { error: expect.stringContaining('0–1200') }],
    ['sessions=2.5', { error: expect.stringContaining('0–1200') }],
    ['sessions=1201', { error: expect.stringContaining('0–1200') }],
  ])('parses %s', (text, expected) => {
    expect(parseOverride(text)).toEqual(expected);
  });
});
