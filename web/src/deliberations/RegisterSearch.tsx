import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { getJson } from '../shared/api.js';
import type { RegisterEntry } from './api.js';
import { itemPath } from './paths.js';
import { ProblemAlert } from '../shared/ProblemAlert.js';

/** French full-text search over the register (subject, report, decision lines). */
export function RegisterSearch() {
  const { t, i18n } = useTranslation();
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<RegisterEntry[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'long' });
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setResults(await getJson<RegisterEntry[]>(`/api/deliberations/register?${new URLSearchParams({ q: query.trim() })}`));
      setError(null);
    } catch (failure) {
      setError(failure);
    }
  };
  return (
    <>
      <form role="search" className="search-form" onSubmit={(event) => void submit(event)}>
        <label htmlFor="register-q">{t('deliberations.sessions.searchLabel')}</label>
        <div className="search-form__row">
          <input id="register-q" type="search" value={query} maxLength={200} onChange={(e) => setQuery(e.target.value)} />
          <button type="submit" className="button">{t('deliberations.sessions.searchSubmit')}</button>
        </div>
      </form>
      <ProblemAlert error={error} />
      {results && (
        <>
          <p role="status">{t('deliberations.sessions.results', { count: results.length })}</p>
          <ul className="result-list">
            {results.map((r) => (
              <li key={r.id} className="result">
                <Link className="result__name" to={itemPath(r.id)}>{r.subject}</Link>
                <span className="result__meta">{r.actNumber} — {r.instanceName}, {date.format(new Date(r.sessionDate))} — {t(`deliberations.itemStatus.${r.status}`)}</span>
                {r.excerpt && <span>… {r.excerpt} …</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
