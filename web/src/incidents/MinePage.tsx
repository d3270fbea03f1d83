import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, getJson } from '../shared/api.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { incidentApiPath, type IncidentDetail } from './api.js';
import { lastStatusChange } from './domain/timeline.js';
import { IncidentsNav } from './IncidentsNav.js';
import { useCategoryLabel, useMomentFormat, useOccurrenceFormat } from './labels.js';
import { incidentPath } from './paths.js';
import { reportedIds } from './reportedStore.js';
import { StatusBadge } from './StatusBadge.js';

type Report = { id: number; incident: IncidentDetail | null };

/** The reporter's feedback: what became of the incidents recorded from this browser. */
export function MinePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.mine.title'));
  const [reports, setReports] = useState<Report[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const controller = new AbortController();
    // A report no longer visible (deleted, or confidential since) is said so, not hidden.
    const load = (id: number) => getJson<IncidentDetail>(incidentApiPath(id), controller.signal).then(
      (incident): Report => ({ id, incident }),
      (failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 404) return { id, incident: null };
        throw failure;
      },
    );
    Promise.all(reportedIds().map(load)).then(setReports, (failure: unknown) => {
      if (!controller.signal.aborted) setError(failure instanceof Error ? failure.message : String(failure));
    });
    return () => controller.abort();
  }, []);
  return (
    <>
      <IncidentsNav />
      <h1>{t('incidents.mine.title')}</h1>
      <p className="lead">{t('incidents.mine.intro')}</p>
      {error && <div role="alert" className="alert">{t('common.error', { detail: error })}</div>}
      {!error && reports === null && <p role="status">{t('common.loading')}</p>}
      {reports?.length === 0 && <p>{t('incidents.mine.empty')}</p>}
      {reports && reports.length > 0 && (
        <ul className="incident-list" aria-label={t('incidents.mine.caption')} data-testid="my-reports">
          {reports.map((report) => <ReportItem key={report.id} report={report} />)}
        </ul>
      )}
    </>
  );
}

function ReportItem({ report: { id, incident } }: { report: Report }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const occurrence = useOccurrenceFormat();
  const moment = useMomentFormat();
  if (!incident) return <li className="incident-card">{t('incidents.mine.gone', { id })}</li>;
  const changed = lastStatusChange(incident.history);
  return (
    <li className="incident-card" data-incident-id={id}>
      <Link className="incident-card__title" to={incidentPath(id)}>
        {t('incidents.detail.title', { id })} — {categoryLabel({ labelFr: incident.categoryLabelFr, labelEn: incident.categoryLabelEn })}
      </Link>
      <span className="incident-card__meta">{occurrence(incident)}</span>
      <span><StatusBadge incident={incident} />{changed && <> · {t('incidents.mine.lastChange', { when: moment(changed) })}</>}</span>
    </li>
  );
}
