import { useId, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { PHOTO_LIMITS } from '../../../src/incidents/photos/domain/limits.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { csrfHeaders, ProblemError, sendJson, useResource } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';
import { incidentApiPath } from './api.js';
import { useMomentFormat } from './labels.js';
import './photos.css';

/** What the photo list answers (JSON: the date is a string here). */
interface IncidentPhoto {
  id: number;
  uploadedAt: string;
  url: string;
  thumbnailUrl: string;
}

/** Refusals the page explains in its own words; any other one shows the API's detail. */
const EXPLAINED_REFUSALS = [409, 413, 415];
const MAX_MEGABYTES = PHOTO_LIMITS.maxBytes / 1024 / 1024;

interface PhotosProps {
  incidentId: number;
  canAdd: boolean;
  canDelete: boolean;
}

/** The incident's photos as thumbnails opening the full image; adding and deleting as the roles allow. */
export function Photos({ incidentId, canAdd, canDelete }: PhotosProps) {
  const { t } = useTranslation();
  const [photos, reload] = useResource<IncidentPhoto[]>(`${incidentApiPath(incidentId)}/photos`);
  const [error, setError] = useState<unknown>(null);
  return (
    <section aria-labelledby="incident-photos" className="incident-photos">
      <h2 id="incident-photos">{t('incidents.photos.title')}</h2>
      <RemoteView remote={photos}>
        {(list) => (
          <>
            {list.length === 0 ? <p>{t('incidents.photos.empty')}</p> : (
              <PhotoGrid photos={list} canDelete={canDelete} onDeleted={reload} onError={setError} />
            )}
            {canAdd && (list.length < PHOTO_LIMITS.maxPerIncident
              ? <PhotoUpload incidentId={incidentId} onAdded={reload} onError={setError} />
              : <p className="incident-hint">{t('incidents.photos.full', { max: PHOTO_LIMITS.maxPerIncident })}</p>)}
          </>
        )}
      </RemoteView>
      <PhotoRefusal error={error} />
    </section>
  );
}

interface GridProps {
  photos: IncidentPhoto[];
  canDelete: boolean;
  onDeleted: () => void;
  onError: (error: unknown) => void;
}

function PhotoGrid({ photos, canDelete, onDeleted, onError }: GridProps) {
  const { t } = useTranslation();
  const moment = useMomentFormat();
  const remove = async (photo: IncidentPhoto, number: number) => {
    if (!window.confirm(t('incidents.photos.confirmDelete', { number }))) return;
    onError(null);
    try {
      await sendJson('DELETE', photo.url);
      onDeleted();
    } catch (failure) {
      onError(failure);
    }
  };
  return (
    <ul className="incident-photos__list" data-testid="incident-photos">
      {photos.map((photo, index) => (
        <li key={photo.id} data-photo-id={photo.id}>
          <a href={photo.url} target="_blank" rel="noopener">
            <img src={photo.thumbnailUrl} alt={t('incidents.photos.open', { number: index + 1, date: moment(photo.uploadedAt) })} />
          </a>
          {canDelete && (
            <button type="button" className="button button--secondary" onClick={() => void remove(photo, index + 1)}>
              {t('incidents.photos.delete', { number: index + 1 })}
            </button>
          )}
        </li>
      ))}
    </ul>
  );
}

function PhotoUpload({ incidentId, onAdded, onError }: { incidentId: number; onAdded: () => void; onError: (error: unknown) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const hintId = useId();
  const [busy, setBusy] = useState(false);
  const upload = async (event: ChangeEvent<HTMLInputElement>) => {
    const input = event.target;
    const file = input.files?.[0];
    if (!file) return;
    setBusy(true);
    onError(null);
    try {
      await postPhoto(incidentId, file);
      onAdded();
    } catch (failure) {
      onError(failure);
    } finally {
      input.value = '';
      setBusy(false);
    }
  };
  return (
    <div className="incident-field incident-photos__add">
      <label htmlFor={inputId}>{t('incidents.photos.add')}</label>
      <input id={inputId} type="file" accept="image/jpeg,image/png,image/webp" capture="environment" disabled={busy}
        aria-describedby={hintId} onChange={(event) => void upload(event)} />
      <p id={hintId} className="incident-hint" aria-live="polite">
        {busy ? t('incidents.photos.sending') : t('incidents.photos.hint', { megabytes: MAX_MEGABYTES, max: PHOTO_LIMITS.maxPerIncident })}
      </p>
    </div>
  );
}

/** Multipart: the browser writes the content type with its boundary, so it is not set here. */
async function postPhoto(incidentId: number, file: File): Promise<void> {
  const form = new FormData();
  form.append('photo', file, file.name);
  const response = await fetch(`${incidentApiPath(incidentId)}/photos`, { method: 'POST', body: form, headers: { accept: 'application/json', ...csrfHeaders() } });
  if (response.ok) return;
  const problem = (await response.json().catch(() => ({}))) as { detail?: string; errors?: { field: string; message: string }[] };
  throw new ProblemError(response.status, problem.detail ?? response.statusText, problem.errors ?? []);
}

/** Size, format and count refusals in plain words; the others as the API says them. */
function PhotoRefusal({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (error instanceof ProblemError && EXPLAINED_REFUSALS.includes(error.status)) {
    return (
      <p role="alert" className="alert">
        {t(`incidents.photos.refused.${error.status}`, { megabytes: MAX_MEGABYTES, max: PHOTO_LIMITS.maxPerIncident })}
      </p>
    );
  }
  return <ProblemAlert error={error} />;
}
