import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResidenceDetail } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';

type Building = ResidenceDetail['buildings'][number];

/** One row per building: a residence can hold dozens, so a table stays readable. */
export function BuildingTable({ buildings }: { buildings: Building[] }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  const captionId = useId();
  return (
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className="visually-hidden">{t('residence.buildingsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dwelling.building')}</th>
            <th scope="col">{t('residence.address')}</th>
            <th scope="col" className="numeric">{t('residence.constructionYear')}</th>
            <th scope="col">{t('residence.entrances')}</th>
            <th scope="col" className="numeric">{t('residence.dwellings')}</th>
            <th scope="col" className="numeric">{t('dwelling.collective')}</th>
            <th scope="col" className="numeric">{t('dwelling.individual')}</th>
          </tr>
        </thead>
        <tbody>
          {buildings.map((building) => (
            <tr key={building.id} data-testid="building">
              <th scope="row">{building.name ?? building.externalId}</th>
              <td className="wrap">{building.address || t('common.none')}</td>
              <td className="numeric">{building.constructionYear ?? t('common.none')}</td>
              <td className="wrap">
                {building.entrances.length === 0
                  ? t('common.none')
                  : building.entrances.map((entrance) => t('residence.entranceDwellings', { name: entrance.name, count: entrance.dwellings })).join(' · ')}
              </td>
              <td className="numeric">{formatNumber(building.dwellings)}</td>
              <td className="numeric">{formatNumber(building.collective)}</td>
              <td className="numeric">{formatNumber(building.individual)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
