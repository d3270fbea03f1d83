import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { rosterOf, memberName, type Instance, type Member, type Session } from './api.js';
import { sendJson, useResource } from '../shared/api.js';
import { sessionPath } from './paths.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';
import { RegisterSearch } from './RegisterSearch.js';
import { useCanManage } from './useCanManage.js';

export function SessionsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('deliberations.sessions.title'));
  const [sessions] = useResource<Session[]>('/api/deliberations/sessions');
  const [instances] = useResource<Instance[]>('/api/deliberations/instances');
  const [members] = useResource<Member[]>('/api/deliberations/members');
  const canManage = useCanManage();
  return (
    <>
      <h1>{t('deliberations.sessions.title')}</h1>
      <p className="lead">{t('deliberations.sessions.intro')}</p>
      <section aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t('deliberations.sessions.listTitle')}</h2>
        <RemoteView remote={sessions}>{(data) => <SessionList sessions={data} />}</RemoteView>
      </section>
      <section aria-labelledby="register-title">
        <h2 id="register-title">{t('deliberations.sessions.searchTitle')}</h2>
        <RegisterSearch />
        <p><a href="/api/deliberations/export/scdl.csv" download>{t('deliberations.sessions.scdlExport')}</a></p>
      </section>
      {canManage && (
        <section aria-labelledby="new-session-title">
          <h2 id="new-session-title">{t('deliberations.sessions.newTitle')}</h2>
          <RemoteView remote={instances}>
            {(list) => (
              <RemoteView remote={members}>{(people) => (list.length ? <NewSessionForm instances={list} members={people} /> : <p>{t('deliberations.sessions.noInstance')}</p>)}</RemoteView>
            )}
          </RemoteView>
        </section>
      )}
    </>
  );
}

function SessionList({ sessions }: { sessions: Session[] }) {
  const { t, i18n } = useTranslation();
  if (sessions.length === 0) return <p>{t('deliberations.sessions.empty')}</p>;
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  return (
    <ul className="result-list">
      {sessions.map((s) => (
        <li key={s.id} className="result">
          <Link className="result__name" to={sessionPath(s.id)}>{s.instanceName} — {date.format(new Date(s.date))}</Link>
          <span className="result__meta">{t('deliberations.sessions.items', { count: s.items.length })}</span>
        </li>
      ))}
    </ul>
  );
}

function NewSessionForm({ instances, members }: { instances: Instance[]; members: Member[] }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [instanceId, setInstanceId] = useState(instances[0]!.id);
  const [date, setDate] = useState('');
  const [convocationDate, setConvocationDate] = useState('');
  const [presidentId, setPresidentId] = useState<number | ''>('');
  const [secondConvocation, setSecondConvocation] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const roster = date ? rosterOf(members, instanceId, date) : members.filter((m) => m.instanceIds.includes(instanceId));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      // Everyone in office starts present; the session page records the excused and their proxies.
      const attendance = rosterOf(members, instanceId, date).map((m) => ({ memberId: m.id, status: 'present' as const, proxyHolderId: null }));
      const created = await sendJson<Session>('POST', '/api/deliberations/sessions', { instanceId, date, convocationDate, presidentId: Number(presidentId), secondConvocation, attendance });
      void navigate(sessionPath(created.id));
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <form className="form-grid" onSubmit={(event) => void submit(event)}>
      <label>{t('deliberations.sessions.instance')}
        <select value={instanceId} onChange={(e) => setInstanceId(Number(e.target.value))}>
          {instances.map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
        </select>
      </label>
      <label>{t('deliberations.sessions.date')}<input type="date" required value={date} onChange={(e) => setDate(e.target.value)} /></label>
      <label>{t('deliberations.sessions.convocationDate')}<input type="date" required value={convocationDate} onChange={(e) => setConvocationDate(e.target.value)} /></label>
      <label>{t('deliberations.sessions.president')}
        <select required value={presidentId} onChange={(e) => setPresidentId(Number(e.target.value))}>
          <option value="" />
          {roster.map((m) => <option key={m.id} value={m.id}>{memberName(m)}</option>)}
        </select>
      </label>
      <label className="form-grid__check"><input type="checkbox" checked={secondConvocation} onChange={(e) => setSecondConvocation(e.target.checked)} />{t('deliberations.sessions.secondConvocation')}</label>
      <div><button type="submit" className="button">{t('deliberations.sessions.create')}</button></div>
      <ProblemAlert error={error} />
    </form>
  );
}
