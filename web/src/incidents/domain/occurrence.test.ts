import { describe, expect, it } from 'vitest';
import { localDay, localTime, occurredAtOf } from './occurrence.js';

describe('when the facts happened', () => {
  it('sends the day alone when the time is unknown or left empty', () => {
    expect(occurredAtOf('2026-05-10', '21:30', true)).toBe('2026-05-10');
    expect(occurredAtOf('2026-05-10', '', false)).toBe('2026-05-10');
  });

  it('sends the local instant, which reads back as the same local day and time', () => {
    const sent = occurredAtOf('2026-03-29', '02:30', false);
    const expected = new Date(2026, 2, 29, 2, 30);
    expect(new Date(sent).getTime()).toBe(expected.getTime());
    expect(sent).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const evening = new Date(occurredAtOf('2026-12-31', '23:59', false));
    expect([localDay(evening), localTime(evening)]).toEqual(['2026-12-31', '23:59']);
  });

  it('pads days and times as the date and time inputs hold them', () => {
    const moment = new Date(2026, 0, 5, 7, 4);
    expect(localDay(moment)).toBe('2026-01-05');
    expect(localTime(moment)).toBe('07:04');
  });
});
