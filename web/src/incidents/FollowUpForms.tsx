import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { sendJson } from '../shared/api.js';
import {
  ACTION_KINDS, COMPLAINT_KINDS, incidentApiPath, LEGAL_OUTCOMES, OUTCOMES, STAFF_SUPPORT_KINDS,
  type ActionKind, type IncidentDetail, type LegalOutcome, type Outcome, type Status,
} from './api.js';
import { localDay } from './domain/occurrence.js';
import { incidentPath } from './paths.js';
import { isSensitiveTextRefusal, SensitiveTextReview } from './SensitiveTextReview.js';

interface FollowUpProps {
  incident: IncidentDetail;
  onChanged: () => void;
}

/** Sends one write, keeps the API's refusal (a 409 says why) and reloads the incident on success. */
function useWrite(onChanged: () => void) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const write = async (path: string, body: unknown): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await sendJson('POST', path, body);
      onChanged();
      return true;
    } catch (failure) {
      setError(failure);
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, write, clear: () => setError(null) };
}

/** One button per transition the workflow allows now; closing asks the outcome, reopening a reason. */
export function TransitionButtons({ incident, onChanged }: FollowUpProps) {
  const { t } = useTranslation();
  const { error, busy, write } = useWrite(onChanged);
  const [asking, setAsking] = useState<'close' | 'reopen' | null>(null);
  const [outcome, setOutcome] = useState<Outcome>('resolved');
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const move = async (to: Status, extra: { outcome?: Outcome; reason?: string } = {}) => {
    if (await write(`${incidentApiPath(incident.id)}/transitions`, { to, ...extra })) setAsking(null);
  };
  const isReopening = (to: Status) => incident.status === 'closed' && to === 'in_progress';
  const buttonFor = (to: Status) => {
    if (to === 'closed') return <button key={to} type="button" className="button" aria-expanded={asking === 'close'} onClick={() => setAsking('close')}>{t('incidents.detail.to.closed')}</button>;
    if (isReopening(to)) return <button key={to} type="button" className="button" aria-expanded={asking === 'reopen'} onClick={() => setAsking('reopen')}>{t('incidents.detail.to.reopen')}</button>;
    return <button key={to} type="button" className="button" disabled={busy} onClick={() => void move(to)}>{t(`incidents.detail.to.${to}`)}</button>;
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void (asking === 'close' ? move('closed', { outcome }) : move('in_progress', { reason }));
  };
  return (
    <div className="incident-transitions">
      {incident.allowedTransitions.length === 0 ? <p>{t('incidents.detail.noTransition')}</p> : <p className="incident-actions">{incident.allowedTransitions.map(buttonFor)}</p>}
      {asking && (
        <form className="incident-form incident-form--inline" onSubmit={submit}>
          {asking === 'close' ? (
            <fieldset className="incident-radios">
              <legend>{t('incidents.detail.outcome')}</legend>
              {OUTCOMES.map((value) => (
                <label key={value} className="incident-radio">
                  <input type="radio" name="outcome" value={value} checked={outcome === value} onChange={() => setOutcome(value)} />
                  {t(`incidents.outcome.${value}`)}
                </label>
              ))}
            </fieldset>
          ) : (
            <div className="incident-field">
              <label htmlFor={reasonId}>{t('incidents.detail.reopenReason')}</label>
              <textarea id={reasonId} required rows={2} maxLength={1000} value={reason} onChange={(event) => setReason(event.target.value)} />
            </div>
          )}
          <button type="submit" className="button" disabled={busy}>{asking === 'close' ? t('incidents.detail.closeTitle') : t('incidents.detail.reopenTitle')}</button>
        </form>
      )}
      <ProblemAlert error={error} />
    </div>
  );
}

/** A dated step of the graduated response; a complaint names its police station. */
export function ActionForm({ incident, onChanged }: FollowUpProps) {
  const { t } = useTranslation();
  const { error, busy, write, clear } = useWrite(onChanged);
  const ids = { kind: useId(), date: useId(), station: useId(), outcome: useId(), note: useId(), warning: useId() };
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const kinds = ACTION_KINDS.filter((kind) => incident.family === 'E' || !STAFF_SUPPORT_KINDS.includes(kind));
  const [kind, setKind] = useState<ActionKind>('lease_rules_reminder');
  const [date, setDate] = useState(() => localDay(new Date()));
  const [policeStation, setPoliceStation] = useState('');
  const [legalOutcome, setLegalOutcome] = useState<LegalOutcome>('dismissed');
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const complaint = COMPLAINT_KINDS.includes(kind);
  /** `confirmed`: the user keeps a note the free-text guard flagged. */
  const send = async (confirmed: boolean) => {
    setDone(false);
    const saved = await write(`${incidentApiPath(incident.id)}/actions`, {
      kind, date, note: note || null, policeStation: complaint ? policeStation : null, legalOutcome: kind === 'legal_outcome' ? legalOutcome : null,
      sensitiveTextConfirmed: confirmed || undefined,
    });
    if (saved) {
      setNote('');
      setPoliceStation('');
      setDone(true);
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };
  return (
    <FormSection title={t('incidents.detail.actionTitle')}>
      <form className="incident-form" onSubmit={submit}>
        <div className="incident-field"><label htmlFor={ids.kind}>{t('incidents.detail.actionKind')}</label>
          <select id={ids.kind} value={kind} onChange={(event) => setKind(event.target.value as ActionKind)}>
            {kinds.map((value) => <option key={value} value={value}>{t(`incidents.actionKind.${value}`)}</option>)}
          </select>
        </div>
        <div className="incident-field"><label htmlFor={ids.date}>{t('incidents.detail.actionDate')}</label>
          <input id={ids.date} type="date" required max={localDay(new Date())} value={date} onChange={(event) => setDate(event.target.value)} />
        </div>
        {complaint && (
          <div className="incident-field"><label htmlFor={ids.station}>{t('incidents.detail.policeStation')}</label>
            <input id={ids.station} type="text" required maxLength={200} value={policeStation} onChange={(event) => setPoliceStation(event.target.value)} />
          </div>
        )}
        {kind === 'legal_outcome' && (
          <div className="incident-field"><label htmlFor={ids.outcome}>{t('incidents.detail.legalOutcome')}</label>
            <select id={ids.outcome} value={legalOutcome} onChange={(event) => setLegalOutcome(event.target.value as LegalOutcome)}>
              {LEGAL_OUTCOMES.map((value) => <option key={value} value={value}>{t(`incidents.legalOutcome.${value}`)}</option>)}
            </select>
          </div>
        )}
        <div className="incident-field"><label htmlFor={ids.note}>{t('incidents.detail.note')}</label>
          <textarea id={ids.note} ref={noteRef} rows={2} maxLength={2000} value={note} aria-describedby={ids.warning} onChange={(event) => setNote(event.target.value)} />
        </div>
        <p id={ids.warning} className="incident-warning">{t('incidents.record.descriptionWarning')}</p>
        {isSensitiveTextRefusal(error) ? (
          <SensitiveTextReview refusal={error} busy={busy} onCorrect={() => { clear(); noteRef.current?.focus(); }} onConfirm={() => void send(true)} />
        ) : (
          <ProblemAlert error={error} />
        )}
        {done && <p role="status">{t('incidents.detail.done')}</p>}
        <button type="submit" className="button" disabled={busy}>{t('incidents.detail.addAction')}</button>
      </form>
    </FormSection>
  );
}

export function CommentForm({ incident, onChanged }: FollowUpProps) {
  const { t } = useTranslation();
  const { error, busy, write, clear } = useWrite(onChanged);
  const ids = { body: useId(), warning: useId() };
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState('');
  /** `confirmed`: the user keeps a text the free-text guard flagged. */
  const send = async (confirmed: boolean) => {
    if (await write(`${incidentApiPath(incident.id)}/comments`, { body, sensitiveTextConfirmed: confirmed || undefined })) setBody('');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void send(false);
  };
  return (
    <FormSection title={t('incidents.detail.commentTitle')}>
      <form className="incident-form" onSubmit={submit}>
        <div className="incident-field"><label htmlFor={ids.body}>{t('incidents.detail.comment')}</label>
          <textarea id={ids.body} ref={bodyRef} required rows={2} maxLength={4000} value={body} aria-describedby={ids.warning} onChange={(event) => setBody(event.target.value)} />
        </div>
        <p id={ids.warning} className="incident-warning">{t('incidents.record.descriptionWarning')}</p>
        {isSensitiveTextRefusal(error) ? (
          <SensitiveTextReview refusal={error} busy={busy} onCorrect={() => { clear(); bodyRef.current?.focus(); }} onConfirm={() => void send(true)} />
        ) : (
          <ProblemAlert error={error} />
        )}
        <button type="submit" className="button" disabled={busy}>{t('incidents.detail.addComment')}</button>
      </form>
    </FormSection>
  );
}

/** Merges one of the probable duplicates into this incident (both histories are kept). */
export function MergeForm({ incident, onChanged }: FollowUpProps) {
  const { t } = useTranslation();
  const { error, busy, write } = useWrite(onChanged);
  const [duplicateId, setDuplicateId] = useState(incident.probableDuplicates[0]);
  if (incident.probableDuplicates.length === 0 || duplicateId === undefined) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void write(`${incidentApiPath(incident.id)}/merge`, { duplicateId });
  };
  return (
    <FormSection title={t('incidents.detail.mergeTitle', { count: incident.probableDuplicates.length })}>
      <form className="incident-form" onSubmit={submit} data-testid="merge-form">
        <fieldset className="incident-radios">
          <legend>{t('incidents.detail.mergeChoose', { id: incident.id })}</legend>
          {incident.probableDuplicates.map((id) => (
            <div key={id} className="incident-radio">
              <input id={`merge-${incident.id}-${id}`} type="radio" name="duplicate" value={id} checked={duplicateId === id} onChange={() => setDuplicateId(id)} />
              <label htmlFor={`merge-${incident.id}-${id}`}>{t('incidents.detail.title', { id })}</label>
              <Link to={incidentPath(id)}>{t('incidents.detail.mergeSee')}</Link>
            </div>
          ))}
        </fieldset>
        <ProblemAlert error={error} />
        <button type="submit" className="button" disabled={busy}>{t('incidents.detail.merge', { id: duplicateId })}</button>
      </form>
    </FormSection>
  );
}

/** Folded by default on a phone screen: the timeline stays close to the buttons. */
function FormSection({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="incident-section">
      <summary>{title}</summary>
      {children}
    </details>
  );
}
