import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, type ResidenceSummary } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';

/** Finds a residence by name, commune or code with the patrimony search, and hands it over. */
export function ResidenceSearch({ onChoose }: { onChoose: (residence: ResidenceSummary) => void }) {
  const { t } = useTranslation();
  const inputId = useId();
  const [query, setQuery] = useState('');
  const [submitted, setSubmitted] = useState<string | null>(null);
  const results = useApi<ResidenceSummary[]>(submitted ? `/api/patrimony/search?${new URLSearchParams({ q: submitted, limit: '10' })}` : null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) setSubmitted(query.trim());
  };
  return (
    // A div, not a form: the search sits inside the recording form, and forms cannot nest.
    <div role="search" className="incident-search">
      <label htmlFor={inputId}>{t('incidents.place.searchLabel')}</label>
      <div className="incident-search__row">
        <input id={inputId} type="search" value={query} maxLength={100} onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => { if (event.key === 'Enter') submit(event); }} />
        <button type="button" className="button" onClick={submit}>{t('incidents.place.searchSubmit')}</button>
      </div>
      {submitted && (
        <RemoteView remote={results}>
          {(residences) => residences.length === 0 ? <p role="status">{t('incidents.place.noResult')}</p> : (
            <ul className="incident-choices">
              {residences.map((residence) => (
                <li key={residence.id}>
                  <button type="button" className="incident-choice" onClick={() => { setSubmitted(null); onChoose(residence); }}>
                    <strong>{residence.name}</strong> <span>{residence.communeName}</span>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </RemoteView>
      )}
    </div>
  );
}
