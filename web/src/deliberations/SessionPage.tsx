import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { type Item, type Member, type Session } from './api.js';
import { sendJson, useResource } from '../shared/api.js';
import { AttendanceEditor } from './AttendanceEditor.js';
import { itemPath, SESSIONS_PATH } from './paths.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { useCanManage } from './useCanManage.js';

export function SessionPage() {
  const { t } = useTranslation();
  const { sessionId } = useParams();
  const [session, reload] = useResource<Session>(`/api/deliberations/sessions/${encodeURIComponent(sessionId ?? '')}`);
  const [members] = useResource<Member[]>('/api/deliberations/members');
  return (
    <>
      <p><Link to={SESSIONS_PATH}>← {t('deliberations.session.back')}</Link></p>
      <RemoteView remote={session} renderError={(e) => (e.status === 404 || e.status === 400 ? t('deliberations.session.notFound') : undefined)}>
        {(data) => <RemoteView remote={members}>{(people) => <SessionDetails session={data} members={people} onSaved={reload} />}</RemoteView>}
      </RemoteView>
    </>
  );
}

function SessionDetails({ session, members, onSaved }: { session: Session; members: Member[]; onSaved: () => void }) {
  const { t, i18n } = useTranslation();
  const canManage = useCanManage();
  const title = t('deliberations.session.title', { instance: session.instanceName, date: new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' }).format(new Date(session.date)) });
  useDocumentTitle(title);
  return (
    <>
      <h1>{title}</h1>
      <section aria-labelledby="attendance-title">
        <h2 id="attendance-title">{t('deliberations.session.attendanceTitle')}</h2>
        <AttendanceEditor key={session.id} session={session} members={members} readOnly={!canManage} onSaved={onSaved} />
      </section>
      <section aria-labelledby="items-title">
        <h2 id="items-title">{t('deliberations.session.itemsTitle')}</h2>
        {session.items.length === 0 ? <p>{t('deliberations.session.noItems')}</p> : (
          <ol className="result-list">
            {session.items.map((item) => (
              <li key={item.id} className="result">
                <Link className="result__name" to={itemPath(item.id)}>{item.rank}. {item.subject}</Link>
                <span className="result__meta">{item.actNumber} — {t(`deliberations.itemStatus.${item.status}`)}</span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {canManage && (
        <section aria-labelledby="new-item-title">
          <h2 id="new-item-title">{t('deliberations.session.newItemTitle')}</h2>
          <NewItemForm session={session} />
        </section>
      )}
    </>
  );
}

/** The few fields an item needs to exist; the item page completes it. */
function NewItemForm({ session }: { session: Session }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const rank = Math.max(0, ...session.items.map((i) => i.rank)) + 1;
  const [fields, setFields] = useState({ actNumber: '', subject: '', directorate: '', civility: 'Mme', firstName: '', lastName: '', decision: '' });
  const [error, setError] = useState<unknown>(null);
  const set = (name: keyof typeof fields) => (e: { target: { value: string } }) => setFields((f) => ({ ...f, [name]: e.target.value }));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const item = await sendJson<Item>('POST', `/api/deliberations/sessions/${session.id}/items`, {
        rank, actNumber: fields.actNumber, subject: fields.subject, directorate: fields.directorate,
        rapporteur: { civility: fields.civility, firstName: fields.firstName, lastName: fields.lastName },
        decisions: [fields.decision], vote: { kind: 'unanimity' }, status: 'draft',
      });
      void navigate(itemPath(item.id));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)}>
      <label>{t('deliberations.item.actNumber')}<input required pattern="[A-Z0-9_]{1,15}" title={t('deliberations.item.actNumberHint')} value={fields.actNumber} onChange={set('actNumber')} /></label>
      <label className="form-grid__wide">{t('deliberations.item.subject')}<input required value={fields.subject} onChange={set('subject')} /></label>
      <label>{t('deliberations.item.directorate')}<input required value={fields.directorate} onChange={set('directorate')} /></label>
      <fieldset>
        <legend>{t('deliberations.item.rapporteur')}</legend>
        <label>{t('deliberations.item.civility')}<select value={fields.civility} onChange={set('civility')}><option>Mme</option><option>M.</option></select></label>
        <label>{t('deliberations.item.firstName')}<input required value={fields.firstName} onChange={set('firstName')} /></label>
        <label>{t('deliberations.item.lastName')}<input required value={fields.lastName} onChange={set('lastName')} /></label>
      </fieldset>
      <label className="form-grid__wide">{t('deliberations.item.decisions')}<input required value={fields.decision} onChange={set('decision')} /></label>
      <div><button type="submit" className="button">{t('deliberations.item.create')}</button></div>
      <ProblemAlert error={error} />
    </form>
  );
}
