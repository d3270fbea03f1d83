import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import type { Incident, IncidentPage } from './api.js';
import { IncidentsNav } from './IncidentsNav.js';
import { useCategoryLabel, useMomentFormat, useOccurrenceFormat } from './labels.js';
import { incidentPath } from './paths.js';
import { StatusBadge } from './StatusBadge.js';

/** The reporter's newest reports: enough to follow what became of them (older ones are in the list). */
export const MY_REPORTS_API_PATH = '/api/incidents?mine=true&limit=50';

/** The reporter's feedback: what became of the incidents the signed-in user recorded, on any device. */
export function MinePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('incidents.mine.title'));
  const page = useApi<IncidentPage>(MY_REPORTS_API_PATH);
  return (
    <>
      <IncidentsNav />
      <h1>{t('incidents.mine.title')}</h1>
      <p className="lead">{t('incidents.mine.intro')}</p>
      <RemoteView remote={page}>
        {({ items }) => items.length === 0 ? <p>{t('incidents.mine.empty')}</p> : (
          <ul className="incident-list" aria-label={t('incidents.mine.caption')} data-testid="my-reports">
            {items.map((incident) => <ReportItem key={incident.id} incident={incident} />)}
          </ul>
        )}
      </RemoteView>
    </>
  );
}

function ReportItem({ incident }: { incident: Incident }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const occurrence = useOccurrenceFormat();
  const moment = useMomentFormat();
  return (
    <li className="incident-card" data-incident-id={incident.id}>
      <Link className="incident-card__title" to={incidentPath(incident.id)}>
        {t('incidents.detail.title', { id: incident.id })} — {categoryLabel({ labelFr: incident.categoryLabelFr, labelEn: incident.categoryLabelEn })}
      </Link>
      <span className="incident-card__meta">{occurrence(incident)}</span>
      {incident.duplicateOf !== null ? (
        <span data-testid="merged-into">{t('incidents.mine.mergedInto')} <Link to={incidentPath(incident.duplicateOf)}>{t('incidents.detail.title', { id: incident.duplicateOf })}</Link></span>
      ) : (
        <span><StatusBadge incident={incident} /> · {t('incidents.mine.lastChange', { when: moment(incident.updatedAt) })}</span>
      )}
    </li>
  );
}
