import { useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { useApi } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';
import { FieldStatus } from '../offline/FieldStatus.js';
import { PhotoField } from '../offline/PhotoField.js';
import { QueuedNotice } from '../offline/QueuedNotice.js';
import { recordIncident } from '../offline/record.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { CHANNELS, FAMILIES, SEVERITIES, type Category, type Channel, type CreatedIncident, type Severity } from './api.js';
import { localDay, localTime, occurredAtOf } from './domain/occurrence.js';
import { IncidentsNav } from './IncidentsNav.js';
import { useCategoryLabel } from './labels.js';
import { incidentPath } from './paths.js';
import { PlacePicker, type PickedPlace } from './PlacePicker.js';
import { NO_OPTIONAL_FACTS, OptionalFacts, optionalFactsInput } from './OptionalFacts.js';
import { isSensitiveTextRefusal, SensitiveTextReview } from './SensitiveTextReview.js';

export function RecordPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.record.title'));
  const categories = useApi<Category[]>('/api/incidents/categories');
  // 'queued': kept on the phone until the network is back.
  const [created, setCreated] = useState<CreatedIncident | 'queued' | null>(null);
  // A new form (and a new idempotency key) for each incident.
  const [formKey, setFormKey] = useState(0);
  return (
    <>
      <IncidentsNav />
      <h1>{t('incidents.record.title')}</h1>
      <FieldStatus />
      {created === 'queued' ? (
        <QueuedNotice onAnother={() => { setCreated(null); setFormKey((key) => key + 1); }} />
      ) : created ? (
        <Saved created={created} onAnother={() => { setCreated(null); setFormKey((key) => key + 1); }} />
      ) : (
        <>
          <p className="lead">{t('incidents.record.intro')}</p>
          <RemoteView remote={categories}>
            {(list) => <RecordForm key={formKey} categories={list.filter((category) => category.active)} onSaved={setCreated} />}
          </RemoteView>
        </>
      )}
    </>
  );
}

function RecordForm({ categories, onSaved }: { categories: Category[]; onSaved: (created: CreatedIncident | 'queued') => void }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const ids = { category: useId(), severity: useId(), date: useId(), time: useId(), channel: useId(), description: useId(), warning: useId(), suggestion: useId() };
  const [now] = useState(() => new Date());
  const [idempotencyKey] = useState(() => crypto.randomUUID());
  const [place, setPlace] = useState<PickedPlace | null>(null);
  const [placeMissing, setPlaceMissing] = useState(false);
  const [categoryCode, setCategoryCode] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [day, setDay] = useState(localDay(now));
  const [time, setTime] = useState(localTime(now));
  const [timeUnknown, setTimeUnknown] = useState(false);
  const [channel, setChannel] = useState<Channel | ''>('');
  const [description, setDescription] = useState('');
  const [facts, setFacts] = useState(NO_OPTIONAL_FACTS);
  const [photos, setPhotos] = useState<File[]>([]);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const placeRef = useRef<HTMLDivElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const category = categories.find((candidate) => candidate.code === categoryCode);

  const chooseCategory = (code: string) => {
    setCategoryCode(code);
    setSeverity(categories.find((candidate) => candidate.code === code)?.defaultSeverity ?? '');
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!place) {
      setPlaceMissing(true);
      placeRef.current?.querySelector('button')?.focus();
      return;
    }
    void save(place, false);
  };

  /** `confirmed`: the user keeps a text the free-text guard flagged. */
  const save = async (place: PickedPlace, confirmed: boolean) => {
    setSaving(true);
    setError(null);
    try {
      const answer = await recordIncident({
        place: { kind: place.kind, id: place.id },
        occurredAt: occurredAtOf(day, time, timeUnknown),
        channel,
        categoryCode,
        severity: severity || undefined,
        description,
        ...optionalFactsInput(facts, category?.family),
        idempotencyKey,
        sensitiveTextConfirmed: confirmed || undefined,
      }, place.label, photos);
      onSaved('created' in answer ? answer.created : 'queued');
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  };

  return (
    <form className="incident-form" onSubmit={submit}>
      <p className="incident-hint">{t('incidents.record.required')}</p>
      <div ref={placeRef}>
        <PlacePicker value={place} invalid={placeMissing && !place} onChange={(next) => { setPlace(next); if (next) setPlaceMissing(false); }} />
      </div>

      <div className="incident-field">
        <label htmlFor={ids.category}>{t('incidents.record.category')}</label>
        <select id={ids.category} required value={categoryCode} onChange={(event) => chooseCategory(event.target.value)}>
          <option value="">{t('incidents.record.chooseCategory')}</option>
          {FAMILIES.map((family) => (
            <optgroup key={family} label={t(`incidents.family.${family}`)}>
              {categories.filter((candidate) => candidate.family === family).map((candidate) => (
                <option key={candidate.code} value={candidate.code}>{categoryLabel(candidate)}</option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>

      {category && (
        <div className="incident-field">
          <label htmlFor={ids.severity}>{t('incidents.record.severity')}</label>
          <select id={ids.severity} value={severity} aria-describedby={ids.suggestion} onChange={(event) => setSeverity(event.target.value as Severity)}>
            {SEVERITIES.map((level) => <option key={level} value={level}>{t(`incidents.severity.${level}`)}</option>)}
          </select>
          <p id={ids.suggestion} className="incident-hint" data-testid="suggested-severity">{t('incidents.record.suggested', { severity: category.defaultSeverity })}</p>
        </div>
      )}

      <fieldset className="incident-when">
        <legend>{t('incidents.record.when')}</legend>
        <div className="incident-field">
          <label htmlFor={ids.date}>{t('incidents.record.date')}</label>
          <input id={ids.date} type="date" required max={localDay(new Date())} value={day} onChange={(event) => setDay(event.target.value)} />
        </div>
        <div className="incident-field">
          <label htmlFor={ids.time}>{t('incidents.record.time')}</label>
          <input id={ids.time} type="time" value={time} disabled={timeUnknown} required={!timeUnknown} onChange={(event) => setTime(event.target.value)} />
        </div>
        <label className="incident-check">
          <input type="checkbox" checked={timeUnknown} onChange={(event) => setTimeUnknown(event.target.checked)} />
          {t('incidents.record.timeUnknown')}
        </label>
      </fieldset>

      <div className="incident-field">
        <label htmlFor={ids.channel}>{t('incidents.record.channel')}</label>
        <select id={ids.channel} required value={channel} onChange={(event) => setChannel(event.target.value as Channel)}>
          <option value="">{t('incidents.record.chooseCategory')}</option>
          {CHANNELS.map((code) => <option key={code} value={code}>{t(`incidents.channel.${code}`)}</option>)}
        </select>
      </div>

      <div className="incident-field">
        <label htmlFor={ids.description}>{t('incidents.record.description')}</label>
        <textarea id={ids.description} ref={descriptionRef} required rows={3} maxLength={2000} value={description} aria-describedby={ids.warning}
          onChange={(event) => setDescription(event.target.value)} />
      </div>
      <p id={ids.warning} className="incident-warning" data-testid="free-text-warning">{t('incidents.record.descriptionWarning')}</p>

      <OptionalFacts value={facts} family={category?.family} onChange={setFacts} />

      <PhotoField photos={photos} onChange={setPhotos} />

      {isSensitiveTextRefusal(error) && place ? (
        <SensitiveTextReview refusal={error} busy={saving}
          onCorrect={() => { setError(null); descriptionRef.current?.focus(); }}
          onConfirm={() => void save(place, true)} />
      ) : (
        <ProblemAlert error={error} />
      )}
      <button type="submit" className="button incident-submit" disabled={saving}>{saving ? t('incidents.record.saving') : t('incidents.record.submit')}</button>
    </form>
  );
}

function Saved({ created, onAnother }: { created: CreatedIncident; onAnother: () => void }) {
  const { t } = useTranslation();
  const duplicates = created.probableDuplicates;
  return (
    <section className="incident-saved" aria-labelledby="incident-saved-title" data-testid="incident-saved" data-incident-id={created.incident.id}>
      <h2 id="incident-saved-title" tabIndex={-1} ref={(heading) => heading?.focus()}>{t('incidents.record.savedTitle', { id: created.incident.id })}</h2>
      <p>{t('incidents.record.savedBody')}</p>
      {duplicates.length > 0 ? (
        <p className="incident-duplicate" role="status" data-testid="duplicate-flag">
          {t('incidents.record.duplicate', { count: duplicates.length })}{' '}
          {duplicates.map((id) => <Link key={id} to={incidentPath(id)}>{t('incidents.detail.title', { id })}</Link>)}
        </p>
      ) : (
        <p role="status" data-testid="duplicate-flag">{t('incidents.record.noDuplicate')}</p>
      )}
      <p className="incident-actions">
        <Link className="button" to={incidentPath(created.incident.id)}>{t('incidents.record.open')}</Link>
        <button type="button" className="button button--secondary" onClick={onAnother}>{t('incidents.record.another')}</button>
      </p>
    </section>
  );
}
