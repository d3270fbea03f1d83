import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi, type ResidenceSummary } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { residencePath } from './paths.js';
import { SearchForm } from './SearchForm.js';

export function SearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('search.title'));
  const query = (useSearchParams()[0].get('q') ?? '').trim();
  const results = useApi<ResidenceSummary[]>(query ? `/api/patrimony/search?${new URLSearchParams({ q: query, limit: '50' })}` : null);
  return (
    <>
      <h1>{t('search.title')}</h1>
      <SearchForm key={query} initialQuery={query} />
      {query ? (
        <RemoteView remote={results}>{(residences) => <SearchResults query={query} residences={residences} />}</RemoteView>
      ) : (
        <p>{t('search.hint')}</p>
      )}
    </>
  );
}

function SearchResults({ query, residences }: { query: string; residences: ResidenceSummary[] }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  return (
    <section aria-labelledby="results-title">
      <div role="status">
        <h2 id="results-title">{t('search.results', { count: residences.length, q: query })}</h2>
      </div>
      <ul className="result-list">
        {residences.map((residence) => (
          <li key={residence.id} className="result">
            <Link to={residencePath(residence.id)} className="result__name">{residence.name}</Link>
            <span>{residence.communeName} ({residence.communeInsee}) · {t('search.agency', { name: residence.agencyName })}</span>
            <span className="result__meta">
              {residence.externalId} · {t('search.dwellings', { count: residence.dwellings, formatted: formatNumber(residence.dwellings) })}
              {residence.qpvCode && <> · <abbr title={t('residence.qpv')}>QPV</abbr> {residence.qpvCode}</>}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
