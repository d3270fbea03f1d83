import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useApi } from '../shared/api.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { CHANNELS, FAMILIES, SEVERITIES, STATUSES, type Category, type Incident } from './api.js';
import { filtersFromSearch, filtersQuery, PLACE_KEYS, withFilter, withPlace, type FilterKey, type Filters } from './domain/filters.js';
import { IncidentsNav } from './IncidentsNav.js';
import { useCategoryLabel, useOccurrenceFormat } from './labels.js';
import { incidentPath } from './paths.js';
import { ResidenceSearch } from './ResidenceSearch.js';
import { StatusBadge } from './StatusBadge.js';
import { useIncidentPages } from './useIncidentPages.js';

export function ListPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.list.title'));
  const [search, setSearch] = useSearchParams();
  const filters = filtersFromSearch(search);
  const query = filtersQuery(filters);
  const apply = (next: Filters) => setSearch(new URLSearchParams(filtersQuery(next)), { replace: true });
  const [pages, loadMore] = useIncidentPages(query);
  return (
    <>
      <IncidentsNav />
      <h1>{t('incidents.list.title')}</h1>
      <p className="lead">{t('incidents.list.intro')}</p>
      <FilterForm filters={filters} onChange={apply} />
      <p>
        <a href={`/api/incidents/export.csv${query ? `?${query}` : ''}`} download data-testid="csv-export">{t('incidents.list.export')}</a>
      </p>
      <section aria-labelledby="incident-results">
        <h2 id="incident-results">{t('incidents.list.caption')}</h2>
        {pages.state === 'loading' && <p role="status">{t('common.loading')}</p>}
        {pages.state === 'error' && <div role="alert" className="alert">{t('common.error', { detail: pages.error.message })}</div>}
        {pages.state === 'ready' && (
          <>
            <p role="status" className="count">{t('incidents.list.shown', { count: pages.items.length })}</p>
            {pages.items.length === 0 ? <p>{t('incidents.list.empty')}</p> : <IncidentList incidents={pages.items} />}
            {pages.nextCursor && (
              <button type="button" className="button" disabled={pages.loadingMore} onClick={loadMore}>{t('incidents.list.more')}</button>
            )}
          </>
        )}
      </section>
    </>
  );
}

function IncidentList({ incidents }: { incidents: Incident[] }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const occurrence = useOccurrenceFormat();
  return (
    <ul className="incident-list" data-testid="incident-list">
      {incidents.map((incident) => (
        <li key={incident.id} className="incident-card" data-incident-id={incident.id}>
          <Link className="incident-card__title" to={incidentPath(incident.id)}>
            {t('incidents.detail.title', { id: incident.id })} — {categoryLabel({ labelFr: incident.categoryLabelFr, labelEn: incident.categoryLabelEn })}
          </Link>
          <span className="incident-card__meta">
            {occurrence(incident)} · <abbr title={t(`incidents.severity.${incident.severity}`)}>{incident.severity}</abbr> · <StatusBadge incident={incident} /> · {t(`incidents.channel.${incident.channel}`)}
          </span>
          <span className="incident-card__text">{incident.description}</span>
        </li>
      ))}
    </ul>
  );
}

function FilterForm({ filters, onChange }: { filters: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const categories = useApi<Category[]>('/api/incidents/categories');
  const idPrefix = useId();
  const set = (key: FilterKey) => (event: { target: { value: string } }) => onChange(withFilter(filters, key, event.target.value));
  const field = (key: FilterKey, label: string, control: (id: string) => ReactNode) => (
    <div className="incident-field"><label htmlFor={`${idPrefix}${key}`}>{label}</label>{control(`${idPrefix}${key}`)}</div>
  );
  const options = (values: readonly string[], label: (value: string) => string) => [
    <option key="" value="">{t('incidents.list.all')}</option>,
    ...values.map((value) => <option key={value} value={value}>{label(value)}</option>),
  ];
  const shownCategories = categories.state === 'ready' ? categories.data.filter((c) => !filters.family || c.family === filters.family) : [];
  const place = PLACE_KEYS.find((key) => filters[key]);
  return (
    // Folded on arrival so that a phone shows the incidents first; open while filters apply.
    <details className="incident-filters" open={Object.keys(filters).length > 0}>
      <summary>{t('incidents.list.filters')}</summary>
      <div className="incident-filters__grid">
        {field('from', t('incidents.list.from'), (id) => <input id={id} type="date" value={filters.from ?? ''} onChange={set('from')} />)}
        {field('to', t('incidents.list.to'), (id) => <input id={id} type="date" value={filters.to ?? ''} onChange={set('to')} />)}
        {field('family', t('incidents.list.family'), (id) => <select id={id} value={filters.family ?? ''} onChange={set('family')}>{options(FAMILIES, (f) => t(`incidents.family.${f}`))}</select>)}
        {field('category', t('incidents.list.category'), (id) => (
          <select id={id} value={filters.category ?? ''} onChange={set('category')}>
            {options(shownCategories.map((c) => c.code), (code) => categoryLabel(shownCategories.find((c) => c.code === code)!))}
          </select>
        ))}
        {field('severity', t('incidents.list.severity'), (id) => <select id={id} value={filters.severity ?? ''} onChange={set('severity')}>{options(SEVERITIES, (s) => t(`incidents.severity.${s}`))}</select>)}
        {field('status', t('incidents.list.status'), (id) => <select id={id} value={filters.status ?? ''} onChange={set('status')}>{options(STATUSES, (s) => t(`incidents.status.${s}`))}</select>)}
        {field('channel', t('incidents.list.channel'), (id) => <select id={id} value={filters.channel ?? ''} onChange={set('channel')}>{options(CHANNELS, (c) => t(`incidents.channel.${c}`))}</select>)}
      </div>
      <fieldset className="incident-filters__place">
        <legend>{t('incidents.list.place')}</legend>
        {place ? (
          <p>
            {t('incidents.list.placeFilter', { kind: t(`incidents.placeKind.${place.replace('Id', '')}`), id: filters[place] })}{' '}
            <button type="button" className="button button--secondary" onClick={() => onChange(withPlace(filters, {}))}>{t('incidents.list.clearPlace')}</button>
          </p>
        ) : (
          <>
            <p className="incident-hint">{t('incidents.list.anyPlace')}</p>
            <ResidenceSearch onChoose={(residence) => onChange(withPlace(filters, { residenceId: residence.id }))} />
          </>
        )}
      </fieldset>
      <p><button type="button" className="button button--secondary" onClick={() => onChange({})}>{t('incidents.list.reset')}</button></p>
    </details>
  );
}
