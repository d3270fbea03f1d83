import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { incidentPath } from '../incidents/paths.js';
import { sendQueued } from './send.js';
import { notifyOutboxChanged } from './outboxEvents.js';
import { removeQueued, saveQueued, type QueuedIncident } from './store.js';
import { useOnline, useOutbox } from './useOutbox.js';

const send = () => void sendQueued().catch(() => undefined);

/** The free-text guard's refusal (422): the agent may keep the text as written, as in the form. */
const isSensitiveText = (entry: QueuedIncident) => entry.refusal?.status === 422;

async function retry(entry: QueuedIncident, keepText = false): Promise<void> {
  const draft = keepText ? { ...entry.draft, sensitiveTextConfirmed: true } : entry.draft;
  await saveQueued({ ...entry, draft, refusal: null, photos: entry.photos.map((photo) => ({ ...photo, refusal: null })) });
  send();
}

/** The incidents recorded on this phone and not yet all on the server, refused ones first. */
export function Outbox() {
  const { t } = useTranslation();
  const entries = useOutbox();
  const online = useOnline();
  if (entries.length === 0) return null;
  const ordered = [...entries.filter(isRefused), ...entries.filter((entry) => !isRefused(entry))];
  return (
    <section className="outbox" aria-labelledby="outbox-title" data-testid="outbox">
      <h2 id="outbox-title">{t('offline.outbox.title', { count: entries.length })}</h2>
      <ul className="outbox__list">
        {ordered.map((entry) => <OutboxItem key={entry.key} entry={entry} />)}
      </ul>
      {online && entries.some((entry) => !isRefused(entry)) && (
        <button type="button" className="button button--secondary" onClick={send}>{t('offline.outbox.sendNow')}</button>
      )}
    </section>
  );
}

const isRefused = (entry: QueuedIncident) => entry.refusal !== null || entry.photos.some((photo) => photo.refusal !== null);

function OutboxItem({ entry }: { entry: QueuedIncident }) {
  const { t, i18n } = useTranslation();
  const waitingPhotos = entry.photos.filter((photo) => !photo.sent && !photo.refusal).length;
  const discard = async () => {
    if (!window.confirm(t('offline.outbox.confirmDiscard'))) return;
    await removeQueued(entry.key);
    notifyOutboxChanged();
  };
  return (
    <li className={`outbox__item${isRefused(entry) ? ' outbox__item--refused' : ''}`} data-testid="outbox-item" data-state={isRefused(entry) ? 'refused' : 'waiting'}>
      {entry.created ? (
        <p><Link to={incidentPath(entry.created.incident.id)}>{t('offline.outbox.recorded', { id: entry.created.incident.id })}</Link></p>
      ) : entry.refusal ? (
        <p role="alert" className="outbox__refusal">{t('offline.outbox.refused', { detail: entry.refusal.detail })}</p>
      ) : (
        <p className="outbox__waiting">{t('offline.outbox.waiting')}</p>
      )}
      {entry.refusal && entry.refusal.errors.length > 0 && (
        <ul>{entry.refusal.errors.map((error, index) => <li key={index}><code>{error.field}</code> : {error.message}</li>)}</ul>
      )}
      <p className="outbox__draft">{String(entry.draft.description ?? '')}</p>
      <p className="outbox__meta">
        {t('offline.outbox.place', { place: entry.placeLabel })} · {t('offline.outbox.queuedAt', { date: new Date(entry.queuedAt).toLocaleString(i18n.language) })}
      </p>
      {waitingPhotos > 0 && <p className="outbox__meta">{t('offline.outbox.photosWaiting', { count: waitingPhotos })}</p>}
      {entry.photos.filter((photo) => photo.refusal).map((photo) => (
        <p key={photo.key} role="alert" className="outbox__refusal">{t('offline.outbox.photoRefused', { name: photo.name, detail: photo.refusal!.detail })}</p>
      ))}
      {isRefused(entry) && (
        <>
          <p className="incident-hint">{t('offline.outbox.refusedHint')}</p>
          <p className="outbox__actions">
            <button type="button" className="button" onClick={() => void retry(entry)}>{t('offline.outbox.retry')}</button>
            {isSensitiveText(entry) && (
              <button type="button" className="button button--secondary" onClick={() => void retry(entry, true)}>{t('offline.outbox.keepText')}</button>
            )}
            <button type="button" className="button button--secondary" onClick={() => void discard()}>{t('offline.outbox.discard')}</button>
          </p>
        </>
      )}
    </li>
  );
}
