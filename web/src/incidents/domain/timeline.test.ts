import { describe, expect, it } from 'vitest';
import type { Action, Comment, HistoryEntry } from '../api.js';
import { timelineOf } from './timeline.js';

const history = (changedAt: string, field: string, before: unknown, after: unknown, reason: string | null = null): HistoryEntry =>
  ({ incidentId: 1, changedAt, changedBy: null, field, before, after, reason });
const action = (date: string, recordedAt: string): Action =>
  ({ id: 7, incidentId: 1, kind: 'complaint_filed', date, note: null, policeStation: 'Commissariat de Lens', legalOutcome: null, recordedAt, recordedBy: null });
const comment = (createdAt: string): Comment => ({ id: 3, incidentId: 1, body: 'Vu le gardien', createdAt, createdBy: null });

describe('incident timeline', () => {
  it('merges status changes, other changes, actions and comments oldest first', () => {
    const entries = timelineOf({
      history: [
        history('2026-05-10T08:00:00.000Z', 'status', null, 'recorded'),
        history('2026-05-12T09:00:00.000Z', 'status', 'recorded', 'qualified'),
        history('2026-05-12T09:30:00.000Z', 'severity', 'G2', 'G3'),
      ],
      // Filed on the 11th, typed in on the 13th: it belongs to the 11th.
      actions: [action('2026-05-11', '2026-05-13T10:00:00.000Z')],
      comments: [comment('2026-05-12T08:00:00.000Z')],
    });
    expect(entries.map((entry) => entry.kind)).toEqual(['status', 'action', 'comment', 'status', 'change']);
    expect(entries[0]).toMatchObject({ before: null, after: 'recorded' });
    expect(entries[3]).toMatchObject({ before: 'recorded', after: 'qualified' });
  });

  it('places an action recorded the same day at its recording time', () => {
    const entries = timelineOf({
      history: [history('2026-05-10T15:00:00.000Z', 'status', 'qualified', 'closed')],
      actions: [action('2026-05-10', '2026-05-10T14:00:00.000Z')],
      comments: [],
    });
    expect(entries.map((entry) => entry.kind)).toEqual(['action', 'status']);
  });
});
