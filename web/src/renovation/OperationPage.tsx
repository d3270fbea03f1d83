import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DpeBadge } from '../patrimony/DpeBadge.js';
import { useApi } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { ScrollRegion } from './ScrollRegion.js';
import type { OperationDetail } from './api.js';
import { FinancingForm } from './FinancingForm.js';
import { labelIn } from './labels.js';
import { formatCents } from './money.js';
import { phaseName } from './OperationsPage.js';
import { StatusHistory } from './StatusHistory.js';
import { OPERATIONS_PATH } from './paths.js';
import './renovation.css';

export function OperationPage() {
  const { t } = useTranslation();
  const { operationId } = useParams();
  const remote = useApi<OperationDetail>(`/api/renovation/operations/${Number(operationId)}`);
  const [detail, setDetail] = useState<OperationDetail | null>(null);
  useEffect(() => setDetail(remote.state === 'ready' ? remote.data : null), [remote]);
  useDocumentTitle(detail?.name ?? t('renovation.operation.title'));
  return (
    <>
      <p><Link to={OPERATIONS_PATH}>{t('renovation.operations.back')}</Link></p>
      <RemoteView remote={remote}>{() => (detail ? <OperationView detail={detail} onChange={setDetail} /> : null)}</RemoteView>
    </>
  );
}

function OperationView({ detail, onChange }: { detail: OperationDetail; onChange: (detail: OperationDetail) => void }) {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const labels = labelIn(i18n.language);
  const money = (cents: number) => formatCents(cents, i18n.language);
  const none = t('common.none');
  const percent = (value: number | null) => (value === null ? none : `${formatNumber(value)} %`);
  return (
    <>
      <h1>{detail.name}</h1>
      <p className="lead">{detail.externalId} · {labels.kind(detail.kind)} · {labels.plan(detail.plan)} · {detail.programmeYear ?? none}</p>
      <div className="residence-summary">
        <section className="card" aria-labelledby="facts-title">
          <h2 id="facts-title">{t('renovation.operation.facts')}</h2>
          <dl className="facts">
            <dt>{t('renovation.operation.territory')}</dt><dd>{detail.directorateName ?? none}</dd>
            <dt>{t('renovation.operation.dwellings')}</dt><dd data-testid="operation-dwellings">{formatNumber(detail.dwellings)}</dd>
            <dt>{t('renovation.operation.phase')}</dt><dd>{phaseName(detail.currentPhase, labels, t)}</dd>
            <dt>{t('renovation.operation.handover')}</dt><dd>{detail.expectedHandover}</dd>
            <dt>{t('renovation.operation.labels')}</dt>
            <dd><DpeBadge value={detail.labelBefore} /> → <DpeBadge value={detail.targetLabel} /> ({t('renovation.operation.after')} <DpeBadge value={detail.labelAfter} />)</dd>
            <dt>{t('renovation.operation.gain')}</dt><dd>{percent(detail.gainPercent ?? detail.targetGainPercent)}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="costs-title">
          <h2 id="costs-title">{t('renovation.operation.costs')}</h2>
          <dl className="facts">
            <dt>{t('renovation.operation.plannedCost')}</dt><dd>{money(detail.plannedCents)}</dd>
            <dt>{t('renovation.operation.committedCost')}</dt><dd>{money(detail.committedCents)}</dd>
            <dt>{t('renovation.operation.paidCost')}</dt><dd>{money(detail.paidCents)}</dd>
            <dt>{t('renovation.operation.financing')}</dt><dd data-testid="financing-total">{money(detail.financing.totalCents)}</dd>
          </dl>
        </section>
      </div>
      {detail.hints.length > 0 && (
        <section aria-labelledby="hints-title">
          <h2 id="hints-title">{t('renovation.operation.hints')}</h2>
          <ul className="hint-list">
            {detail.hints.map((hint) => <li key={hint.code} className={`hint--${hint.level}`}>{i18n.language === 'en' ? hint.en : hint.fr}</li>)}
          </ul>
        </section>
      )}
      <h2>{t('renovation.operation.phases')}</h2>
      <ScrollRegion label={t('renovation.operation.phases')}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('renovation.operation.phase')}</th>
              <th scope="col">{t('renovation.phase.plannedStart')}</th>
              <th scope="col">{t('renovation.phase.plannedEnd')}</th>
              <th scope="col">{t('renovation.phase.actualStart')}</th>
              <th scope="col">{t('renovation.phase.actualEnd')}</th>
              <th scope="col" className="numeric">{t('renovation.phase.delay')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.phases.map((phase) => (
              <tr key={phase.phase}>
                <th scope="row">{labels.phase(phase.phase)}</th>
                <td>{phase.plannedStart ?? none}</td>
                <td>{phase.plannedEnd ?? none}</td>
                <td>{phase.actualStart ?? none}</td>
                <td>{phase.actualEnd ?? none}</td>
                <td className="numeric">{detail.delays[phase.phase] ?? none}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{t('renovation.financing.title')}</h2>
      <ScrollRegion label={t('renovation.financing.title')}>
        <table className="table" data-testid="financing-lines">
          <thead>
            <tr>
              <th scope="col">{t('renovation.financing.source')}</th>
              <th scope="col">{t('renovation.financing.status')}</th>
              <th scope="col" className="numeric">{t('renovation.financing.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {detail.financingLines.map((line) => (
              <tr key={line.id}>
                <th scope="row">{labels.source(line.source)}</th>
                <td>{labels.status(line.status)}</td>
                <td className="numeric">{money(line.amountCents)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <StatusHistory changes={detail.statusChanges} />
      <FinancingForm operationId={detail.id} onAdded={onChange} />
    </>
  );
}
