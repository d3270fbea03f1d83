import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { searchPath } from './paths.js';

export function SearchForm({ initialQuery = '' }: { initialQuery?: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inputId = useId();
  const [query, setQuery] = useState(initialQuery);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (query.trim()) void navigate(searchPath(query.trim()));
  };
  return (
    <form role="search" className="search-form" onSubmit={submit}>
      <label htmlFor={inputId}>{t('search.label')}</label>
      <div className="search-form__row">
        <input id={inputId} type="search" name="q" value={query} maxLength={100} placeholder={t('search.placeholder')}
          onChange={(event) => setQuery(event.target.value)} />
        <button type="submit" className="button">{t('search.submit')}</button>
      </div>
    </form>
  );
}
