import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from './api.js';
import { timelineOf, type TimelineEntry } from './domain/timeline.js';
import { useDayFormat, useMomentFormat } from './labels.js';

/** Everything that happened to the incident (and to the duplicates merged into it), oldest first. */
export function Timeline({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const entries = timelineOf(incident);
  return (
    <section aria-labelledby="incident-timeline">
      <h2 id="incident-timeline">{t('incidents.detail.timeline')}</h2>
      {entries.length === 0 ? <p>{t('incidents.detail.timelineEmpty')}</p> : (
        <ol className="incident-timeline" data-testid="timeline">
          {entries.map((entry, index) => <TimelineItem key={index} entry={entry} ownId={incident.id} />)}
        </ol>
      )}
    </section>
  );
}

function TimelineItem({ entry, ownId }: { entry: TimelineEntry; ownId: number }) {
  const { t } = useTranslation();
  const moment = useMomentFormat();
  const day = useDayFormat();
  const statusLabel = (status: string | null) => (status ? t(`incidents.status.${status}`) : t('incidents.detail.empty'));
  const fieldLabel = (field: string) => t(`incidents.detail.field.${field}`, { defaultValue: field });
  // Coded values read in words where the vocabulary is known (outcome, channel, severity).
  const value = (field: string, raw: unknown) => {
    const text = display(raw);
    if (text === null) return t('incidents.detail.empty');
    return CODED_FIELDS.includes(field) ? t(`incidents.${field}.${text}`, { defaultValue: text }) : text;
  };
  const when = entry.kind === 'action' ? day(entry.action.date) : moment(entry.at);
  const other = entry.incidentId !== ownId ? ` ${t('incidents.detail.ofIncident', { id: entry.incidentId })}` : '';
  return (
    <li className={`incident-timeline__item incident-timeline__item--${entry.kind}`} data-kind={entry.kind}>
      <time dateTime={entry.kind === 'action' ? entry.action.date : entry.at}>{when}</time>
      <div>
        {entry.kind === 'status' && (
          <>
            <strong>{entry.before === null ? t('incidents.detail.created', { status: statusLabel(entry.after) }) : t('incidents.detail.statusChange', { before: statusLabel(entry.before), after: statusLabel(entry.after) })}</strong>{other}
            {entry.reason && <p>{t('incidents.detail.reason', { reason: entry.reason })}</p>}
          </>
        )}
        {entry.kind === 'action' && (
          <>
            <strong>{t(`incidents.actionKind.${entry.action.kind}`)}</strong>{other}
            {entry.action.policeStation && <p>{entry.action.policeStation}</p>}
            {entry.action.legalOutcome && <p>{t(`incidents.legalOutcome.${entry.action.legalOutcome}`)}</p>}
            {entry.action.note && <p>{entry.action.note}</p>}
          </>
        )}
        {entry.kind === 'comment' && (
          <>
            <strong>{t('incidents.detail.commented')}</strong>{other}
            <p>{entry.comment.body}</p>
          </>
        )}
        {entry.kind === 'change' && (
          <span>{t('incidents.detail.change', { field: fieldLabel(entry.entry.field), before: value(entry.entry.field, entry.entry.before), after: value(entry.entry.field, entry.entry.after) })}{other}</span>
        )}
      </div>
    </li>
  );
}

const CODED_FIELDS = ['outcome', 'channel', 'severity'];

const display = (value: unknown): string | null => (value === null || value === undefined ? null : typeof value === 'object' ? JSON.stringify(value) : String(value));
