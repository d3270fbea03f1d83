import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useApi, type ResidenceDetail, useResource } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { incidentApiPath, type IncidentDetail } from './api.js';
import { ActionForm, CommentForm, MergeForm, TransitionButtons } from './FollowUpForms.js';
import { IncidentsNav } from './IncidentsNav.js';
import { useCategoryLabel, useMomentFormat, useOccurrenceFormat } from './labels.js';
import { incidentPath } from './paths.js';
import { Photos } from './Photos.js';
import { StatusBadge } from './StatusBadge.js';
import { useCan } from './useCan.js';
import { Timeline } from './Timeline.js';

export function DetailPage() {
  const { t } = useTranslation();
  const id = Number(useParams().incidentId);
  useDocumentTitle(t('incidents.detail.title', { id }));
  const [detail, reload] = useResource<IncidentDetail>(incidentApiPath(id));
  return (
    <>
      <IncidentsNav />
      <h1>{t('incidents.detail.title', { id })}</h1>
      <RemoteView remote={detail} renderError={(error) => (error.status === 404 ? t('incidents.detail.notFound') : undefined)}>
        {(incident) => <IncidentView incident={incident} onChanged={reload} />}
      </RemoteView>
    </>
  );
}

function IncidentView({ incident, onChanged }: { incident: IncidentDetail; onChanged: () => void }) {
  const { t } = useTranslation();
  const categoryLabel = useCategoryLabel();
  const occurrence = useOccurrenceFormat();
  const moment = useMomentFormat();
  const frozen = incident.duplicateOf !== null;
  // Buttons for what the roles allow; the server still checks the perimeter on each write.
  const canManage = useCan('manage_incident');
  const canComment = useCan('record_incident');
  return (
    <>
      {incident.family === 'E' && <p className="incident-warning">{t('incidents.detail.confidential')}</p>}
      <section aria-labelledby="incident-facts" className="card">
        <h2 id="incident-facts">{categoryLabel({ labelFr: incident.categoryLabelFr, labelEn: incident.categoryLabelEn })}</h2>
        <dl className="facts">
          <dt>{t('incidents.detail.status')}</dt><dd><StatusBadge incident={incident} /></dd>
          <dt>{t('incidents.list.severity')}</dt><dd>{t(`incidents.severity.${incident.severity}`)}</dd>
          <dt>{t('incidents.detail.place')}</dt><dd><PlaceName incident={incident} /></dd>
          <dt>{t('incidents.detail.occurredAt')}</dt><dd>{occurrence(incident)}</dd>
          <dt>{t('incidents.list.channel')}</dt><dd>{t(`incidents.channel.${incident.channel}`)}</dd>
          <dt>{t('incidents.detail.recordedAt')}</dt><dd>{moment(incident.recordedAt)}</dd>
          {incident.suspectedDuplicateOf !== null && (
            <><dt>{t('incidents.detail.duplicateOf')}</dt><dd><Link to={incidentPath(incident.suspectedDuplicateOf)}>{t('incidents.detail.title', { id: incident.suspectedDuplicateOf })}</Link></dd></>
          )}
          {incident.duplicateOf !== null && (
            <><dt>{t('incidents.detail.mergedInto')}</dt><dd><Link to={incidentPath(incident.duplicateOf)}>{t('incidents.detail.title', { id: incident.duplicateOf })}</Link></dd></>
          )}
        </dl>
        <p className="incident-description">{incident.description}</p>
      </section>
      <Photos incidentId={incident.id} canAdd={canComment && !frozen} canDelete={canManage} />
      {!frozen && (canManage || canComment) && (
        <section aria-labelledby="incident-workflow">
          <h2 id="incident-workflow">{t('incidents.detail.workflow')}</h2>
          {canManage && (
            <>
              <TransitionButtons incident={incident} onChanged={onChanged} />
              <ActionForm incident={incident} onChanged={onChanged} />
              <MergeForm key={incident.probableDuplicates.join()} incident={incident} onChanged={onChanged} />
            </>
          )}
          {canComment && <CommentForm incident={incident} onChanged={onChanged} />}
        </section>
      )}
      <Timeline incident={incident} />
    </>
  );
}

/** The place in words, read from the residence the incident belongs to. */
function PlaceName({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const residence = useApi<ResidenceDetail>(`/api/patrimony/residences/${incident.residenceId}`);
  if (residence.state !== 'ready') return <>{t(`incidents.placeKind.${incident.placeKind}`)}</>;
  const building = residence.data.buildings.find((candidate) => candidate.id === incident.buildingId);
  const entrance = building?.entrances.find((candidate) => candidate.id === incident.entranceId);
  const parts = [
    entrance && `${t('incidents.place.entrance')} ${entrance.name}`,
    building && (building.name ?? building.address),
    residence.data.name,
    residence.data.communeName,
  ].filter(Boolean);
  return <>{parts.join(', ')}</>;
}
