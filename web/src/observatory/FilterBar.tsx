import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { FAMILIES, SEVERITIES, STATUSES } from '../incidents/api.js';
import { filtersFromSearch, filtersQuery, type FilterKey, type Filters } from './filters.js';

/** The filters of the address, and a way to change them (the address is replaced, not pushed). */
export function useObservatoryFilters(): [Filters, (next: Filters) => void] {
  const [search, setSearch] = useSearchParams();
  const apply = (next: Filters) => setSearch(new URLSearchParams(filtersQuery(next)), { replace: true, preventScrollReset: true });
  return [filtersFromSearch(search), apply];
}

interface FilterBarProps {
  filters: Filters;
  onChange: (next: Filters) => void;
  /** The agencies the reader may choose among (none for partners). */
  agencies: readonly { agencyId: number; name: string }[];
  /** The period the figures cover, shown when the address names none (the server's default). */
  period?: { from: string; to: string };
}

export function FilterBar({ filters, onChange, agencies, period }: FilterBarProps) {
  const { t } = useTranslation();
  const prefix = useId();
  const set = (key: FilterKey) => (event: { target: { value: string } }) => onChange({ ...filters, [key]: event.target.value || undefined });
  const field = (key: FilterKey, label: string, control: (id: string) => ReactNode) => (
    <div className="observatory-field"><label htmlFor={`${prefix}${key}`}>{label}</label>{control(`${prefix}${key}`)}</div>
  );
  const select = (key: FilterKey, values: readonly { value: string; label: string }[]) => (id: string) => (
    <select id={id} value={filters[key] ?? ''} onChange={set(key)}>
      <option value="">{t('observatory.filters.all')}</option>
      {values.map(({ value, label }) => <option key={value} value={value}>{label}</option>)}
    </select>
  );
  return (
    <form className="observatory-filters" onSubmit={(event) => event.preventDefault()}>
      <fieldset>
        <legend>{t('observatory.filters.legend')}</legend>
        {field('from', t('observatory.filters.from'), (id) => <input id={id} type="month" value={filters.from ?? period?.from ?? ''} onChange={set('from')} />)}
        {field('to', t('observatory.filters.to'), (id) => <input id={id} type="month" value={filters.to ?? period?.to ?? ''} onChange={set('to')} />)}
        {agencies.length > 0 && field('agencyId', t('observatory.filters.agency'), select('agencyId', agencies.map((agency) => ({ value: String(agency.agencyId), label: agency.name }))))}
        {field('family', t('observatory.filters.family'), select('family', FAMILIES.map((family) => ({ value: family, label: t(`incidents.family.${family}`) }))))}
        {field('severity', t('observatory.filters.severity'), select('severity', SEVERITIES.map((severity) => ({ value: severity, label: t(`incidents.severity.${severity}`) }))))}
        {field('status', t('observatory.filters.status'), select('status', STATUSES.filter((status) => status !== 'draft').map((status) => ({ value: status, label: t(`incidents.status.${status}`) }))))}
        <button type="button" className="button" onClick={() => onChange({})}>{t('observatory.filters.reset')}</button>
      </fieldset>
    </form>
  );
}
