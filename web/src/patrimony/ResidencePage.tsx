import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useCan } from '../incidents/useCan.js';
import type { ResidenceLabels } from '../renovation/api.js';
import { useApi, type ResidenceDetail } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { BuildingTable } from './BuildingTable.js';
import { DwellingTable } from './DwellingTable.js';
import { SEARCH_PATH } from './paths.js';
import { ResidenceMiniMap } from './ResidenceMiniMap.js';

export function ResidencePage() {
  const { t } = useTranslation();
  const { residenceId } = useParams();
  const residence = useApi<ResidenceDetail>(`/api/patrimony/residences/${encodeURIComponent(residenceId ?? '')}`);
  useDocumentTitle(residence.state === 'ready' ? residence.data.name : undefined);
  return (
    <>
      <p><Link to={SEARCH_PATH}>← {t('residence.back')}</Link></p>
      <RemoteView remote={residence} renderError={(error) => (error.status === 404 || error.status === 400 ? t('residence.notFound') : undefined)}>
        {(data) => <ResidenceDetails residence={data} />}
      </RemoteView>
    </>
  );
}

function ResidenceDetails({ residence }: { residence: ResidenceDetail }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  // Without read_renovation the table shows the patrimony file's classes only.
  const effective = useApi<ResidenceLabels>(useCan('read_renovation') ? `/api/renovation/residences/${residence.id}/labels` : null);
  const labels = useMemo(() => (effective.state === 'ready' ? new Map(effective.data.dwellings.map((label) => [label.dwellingId, label])) : undefined), [effective]);
  return (
    <>
      <h1>{residence.name}</h1>
      <div className="residence-summary">
        <section aria-labelledby="identity-title" className="card">
          <h2 id="identity-title">{t('residence.identity')}</h2>
          <dl className="facts">
            <div><dt>{t('residence.code')}</dt><dd>{residence.externalId}</dd></div>
            <div><dt>{t('residence.commune')}</dt><dd>{residence.communeName} ({residence.communeInsee})</dd></div>
            <div><dt>{t('residence.agency')}</dt><dd>{residence.agencyName}</dd></div>
            <div><dt>{t('residence.qpv')}</dt><dd>{residence.qpvCode ?? t('residence.notInQpv')}</dd></div>
            <div><dt>{t('residence.dwellings')}</dt><dd>{formatNumber(residence.dwellings.length)}</dd></div>
          </dl>
        </section>
        <section aria-labelledby="location-title" className="card">
          <h2 id="location-title">{t('residence.location')}</h2>
          {residence.lon === null && residence.buildings.length === 0 ? <p>{t('residence.noPosition')}</p> : <ResidenceMiniMap residence={residence} />}
        </section>
      </div>
      <section aria-labelledby="buildings-title">
        <h2 id="buildings-title">{t('residence.buildingsTitle')} <span className="count">({t('residence.buildingsCount', { count: residence.buildings.length })})</span></h2>
        <BuildingTable buildings={residence.buildings} />
      </section>
      <section aria-labelledby="dwellings-title">
        <h2 id="dwellings-title">{t('residence.dwellingsTitle')}</h2>
        <DwellingTable dwellings={residence.dwellings} buildings={residence.buildings} labels={labels} />
      </section>
    </>
  );
}
