import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useApi } from '../../shared/api.js';
import { RemoteView } from '../../shared/RemoteView.js';
import { useDocumentTitle } from '../../shared/useDocumentTitle.js';
import { AdminNav } from './AdminNav.js';
import { AuditChainCheck } from './AuditChainCheck.js';
import type { AuditEntry, AuditPage as Page } from './api.js';
import { AUDIT_FILTERS, auditQuery } from './paths.js';

const PAGE_SIZE = 50;

/** The audit log: who did what, when; filtered, newest first, page by page; exported; its chain verified. */
export function AuditPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('access.admin.audit.title'));
  const [search, setSearch] = useSearchParams();
  const query = auditQuery(search, true);
  const page = useApi<Page>(`/api/audit?${query ? `${query}&` : ''}limit=${PAGE_SIZE}`);
  const filters = auditQuery(search, false);
  const older = (before: number) => setSearch((previous) => {
    const next = new URLSearchParams(previous);
    next.set('avant', String(before));
    return next;
  });
  return (
    <>
      <AdminNav />
      <h1>{t('access.admin.audit.title')}</h1>
      <p className="lead">{t('access.admin.audit.intro')}</p>
      <AuditFilters key={filters} search={search} onSearch={setSearch} />
      <p className="admin-actions">
        <a className="button button--secondary" href={`/api/audit/export.csv${filters ? `?${filters}` : ''}`} download>{t('access.admin.audit.export')}</a>
      </p>
      <AuditChainCheck />
      <section aria-labelledby="audit-entries-title" className="admin-section">
        <h2 id="audit-entries-title">{t('access.admin.audit.entriesTitle')}</h2>
        <RemoteView remote={page}>
          {(data) => (
            <>
              <AuditTable entries={data.entries} />
              <div className="table-footer">
                {search.has('avant') && (
                  <button type="button" className="button button--secondary" onClick={() => setSearch((previous) => { const next = new URLSearchParams(previous); next.delete('avant'); return next; })}>
                    {t('access.admin.audit.newest')}
                  </button>
                )}
                {data.nextBefore !== null && (
                  <button type="button" className="button button--secondary" onClick={() => older(data.nextBefore!)}>{t('access.admin.audit.older')}</button>
                )}
              </div>
            </>
          )}
        </RemoteView>
      </section>
    </>
  );
}

function AuditFilters({ search, onSearch }: { search: URLSearchParams; onSearch: (next: URLSearchParams) => void }) {
  const { t } = useTranslation();
  const baseId = useId();
  const [values, setValues] = useState<Record<string, string>>(() => Object.fromEntries(AUDIT_FILTERS.map(([name]) => [name, search.get(name) ?? ''])));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // A new search starts again from the newest entry.
    onSearch(new URLSearchParams(Object.entries(values).filter(([, value]) => value.trim() !== '')));
  };
  return (
    <form className="admin-form admin-filters" role="search" aria-label={t('access.admin.audit.filtersLabel')} onSubmit={submit}>
      <div className="admin-form__row">
        {AUDIT_FILTERS.map(([name]) => (
          <div className="field" key={name}>
            <label htmlFor={`${baseId}-${name}`}>{t(`access.admin.audit.filters.${name}`)}</label>
            <input
              id={`${baseId}-${name}`} type={name === 'du' || name === 'au' ? 'date' : 'text'} value={values[name]}
              onChange={(event) => setValues((previous) => ({ ...previous, [name]: event.target.value }))}
            />
          </div>
        ))}
      </div>
      <div><button type="submit" className="button">{t('access.admin.audit.search')}</button></div>
    </form>
  );
}

function AuditTable({ entries }: { entries: AuditEntry[] }) {
  const { t, i18n } = useTranslation();
  const captionId = useId();
  if (entries.length === 0) return <p>{t('access.admin.audit.empty')}</p>;
  const when = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'medium' });
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table" data-testid="audit-entries">
        <caption id={captionId} className="visually-hidden">{t('access.admin.audit.entriesTitle')}</caption>
        <thead>
          <tr>
            <th scope="col" className="numeric">{t('access.admin.audit.seq')}</th>
            <th scope="col">{t('access.admin.audit.when')}</th>
            <th scope="col">{t('access.admin.audit.who')}</th>
            <th scope="col">{t('access.admin.audit.action')}</th>
            <th scope="col">{t('access.admin.audit.object')}</th>
            <th scope="col">{t('access.admin.audit.change')}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.seq} data-testid="audit-entry">
              <td className="numeric">{entry.seq}</td>
              <td>{when.format(new Date(entry.occurredAt))}</td>
              <td>{entry.actorLabel}</td>
              <th scope="row"><code>{entry.action}</code></th>
              <td>{entry.objectType}{entry.objectId === null ? '' : ` ${entry.objectId}`}</td>
              <td className="wrap admin-change">{change(entry)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Before → after, as compact JSON (the CSV export holds them whole). */
function change(entry: AuditEntry): string {
  const text = (value: unknown) => (value === null || value === undefined ? '' : JSON.stringify(value));
  const before = text(entry.before);
  const after = text(entry.after);
  const shown = before && after ? `${before} → ${after}` : before || after;
  return shown.length > 300 ? `${shown.slice(0, 300)}…` : shown;
}
