import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useResource } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { OperationsImport } from './OperationsImport.js';
import { ScrollRegion } from './ScrollRegion.js';
import type { OperationList } from './api.js';
import { labelIn, OPERATION_KINDS } from './labels.js';
import { formatCents } from './money.js';
import { NEW_OPERATION_PATH, operationPath } from './paths.js';
import './renovation.css';

const PAGE = 50;
const YEARS = Array.from({ length: 10 }, (_, index) => 2024 + index);

export function OperationsPage() {
  const { t, i18n } = useTranslation();
  useDocumentTitle(t('renovation.operations.title'));
  const [params, setParams] = useSearchParams();
  const kind = params.get('kind') ?? '';
  const year = params.get('year') ?? '';
  const offset = Number(params.get('offset') ?? 0);
  const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset), ...(kind ? { kind } : {}), ...(year ? { year } : {}) });
  const [list, reload] = useResource<OperationList>(`/api/renovation/operations?${query}`);
  const labels = labelIn(i18n.language);
  const change = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    next.delete('offset');
    setParams(next);
  };
  return (
    <>
      <h1>{t('renovation.operations.title')}</h1>
      <div className="renovation-actions">
        <Link className="button" to={NEW_OPERATION_PATH}>{t('renovation.operations.new')}</Link>
      </div>
      <div className="renovation-filters">
        <div>
          <label htmlFor="filter-kind">{t('renovation.operation.kind')}</label>
          <select id="filter-kind" value={kind} onChange={(event) => change('kind', event.target.value)}>
            <option value="">{t('renovation.operations.all')}</option>
            {OPERATION_KINDS.map((value) => <option key={value} value={value}>{labels.kind(value)}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="filter-year">{t('renovation.operation.year')}</label>
          <select id="filter-year" value={year} onChange={(event) => change('year', event.target.value)}>
            <option value="">{t('renovation.operations.all')}</option>
            {YEARS.map((value) => <option key={value} value={value}>{value}</option>)}
          </select>
        </div>
      </div>
      <RemoteView remote={list}>{(data) => <OperationTable list={data} offset={offset} onPage={(next) => change('offset', next ? String(next) : '')} />}</RemoteView>
      <OperationsImport onImported={reload} />
    </>
  );
}

function OperationTable({ list, offset, onPage }: { list: OperationList; offset: number; onPage: (offset: number) => void }) {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const labels = labelIn(i18n.language);
  return (
    <>
      <ScrollRegion label={t('renovation.operations.title')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('renovation.operation.name')}</th>
              <th scope="col">{t('renovation.operation.kind')}</th>
              <th scope="col">{t('renovation.operation.year')}</th>
              <th scope="col">{t('renovation.operation.territory')}</th>
              <th scope="col" className="numeric">{t('renovation.operation.dwellings')}</th>
              <th scope="col" className="numeric">{t('renovation.operation.plannedCost')}</th>
              <th scope="col" className="numeric">{t('renovation.operation.financing')}</th>
              <th scope="col">{t('renovation.operation.phase')}</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((operation) => (
              <tr key={operation.id}>
                <th scope="row" className="wrap"><Link to={operationPath(operation.id)}>{operation.name}</Link><br /><small>{operation.externalId}</small></th>
                <td className="wrap">{labels.kind(operation.kind)}</td>
                <td>{operation.programmeYear ?? t('common.none')}</td>
                <td className="wrap">{operation.directorateName ?? t('common.none')}</td>
                <td className="numeric">{formatNumber(operation.dwellings)}</td>
                <td className="numeric">{formatCents(operation.plannedCents, i18n.language)}</td>
                <td className="numeric">{formatCents(operation.financing.totalCents, i18n.language)}</td>
                <td>{phaseName(operation.currentPhase, labels, t)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <div className="table-footer">
        <p role="status">{t('renovation.operations.count', { count: list.total, formatted: formatNumber(list.total), from: list.total ? offset + 1 : 0, to: offset + list.items.length })}</p>
        {offset > 0 && <button type="button" className="button" onClick={() => onPage(Math.max(0, offset - PAGE))}>{t('renovation.operations.previous')}</button>}
        {offset + list.items.length < list.total && <button type="button" className="button" onClick={() => onPage(offset + PAGE)}>{t('renovation.operations.next')}</button>}
      </div>
    </>
  );
}

export function phaseName(phase: OperationList['items'][number]['currentPhase'], labels: ReturnType<typeof labelIn>, t: (key: string) => string): string {
  if (phase === 'planned') return t('renovation.phase.planned');
  if (phase === 'closed') return t('renovation.phase.closed');
  return labels.phase(phase);
}
