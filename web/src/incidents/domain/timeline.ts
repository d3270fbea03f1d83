import type { Action, Comment, HistoryEntry, IncidentDetail } from '../api.js';

/** One line of an incident's timeline, whatever its source. */
export type TimelineEntry =
  | { kind: 'status'; at: string; incidentId: number; before: string | null; after: string; reason: string | null }
  | { kind: 'change'; at: string; incidentId: number; entry: HistoryEntry }
  | { kind: 'action'; at: string; incidentId: number; action: Action }
  | { kind: 'comment'; at: string; incidentId: number; comment: Comment };

const asText = (value: unknown) => (value === null || value === undefined ? null : String(value));

/**
 * Status changes, graduated-response actions, comments and the other recorded changes, oldest
 * first. An action is placed at the day it was done, not the day it was typed in, since the
 * timeline tells what happened; ties keep the order in which they were recorded.
 */
export function timelineOf(detail: Pick<IncidentDetail, 'history' | 'actions' | 'comments'>): TimelineEntry[] {
  const entries: TimelineEntry[] = [
    ...detail.history.map((entry): TimelineEntry => entry.field === 'status'
      ? { kind: 'status', at: entry.changedAt, incidentId: entry.incidentId, before: asText(entry.before), after: String(entry.after), reason: entry.reason }
      : { kind: 'change', at: entry.changedAt, incidentId: entry.incidentId, entry }),
    ...detail.actions.map((action): TimelineEntry => ({ kind: 'action', at: action.date < action.recordedAt.slice(0, 10) ? action.date : action.recordedAt, incidentId: action.incidentId, action })),
    ...detail.comments.map((comment): TimelineEntry => ({ kind: 'comment', at: comment.createdAt, incidentId: comment.incidentId, comment })),
  ];
  return entries
    .map((entry, index) => ({ entry, index, time: Date.parse(entry.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ entry }) => entry);
}
