import { useTranslation } from 'react-i18next';
import type { ResidenceDetail } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';

type Building = ResidenceDetail['buildings'][number];

export function BuildingList({ buildings }: { buildings: Building[] }) {
  return (
    <ul className="card-list">
      {buildings.map((building) => <BuildingCard key={building.id} building={building} />)}
    </ul>
  );
}

function BuildingCard({ building }: { building: Building }) {
  const { t } = useTranslation();
  const formatNumber = useFormatNumber();
  return (
    <li className="card" data-testid="building">
      <h3>{building.name ?? building.externalId}</h3>
      <dl className="facts">
        <div><dt>{t('residence.address')}</dt><dd>{building.address || t('common.none')}</dd></div>
        <div><dt>{t('residence.constructionYear')}</dt><dd>{building.constructionYear ?? t('common.none')}</dd></div>
        <div>
          <dt>{t('residence.dwellings')}</dt>
          <dd>{t('residence.buildingDwellings', {
            dwellings: formatNumber(building.dwellings),
            collective: formatNumber(building.collective),
            individual: formatNumber(building.individual),
          })}</dd>
        </div>
        <div>
          <dt>{t('residence.entrances')}</dt>
          <dd>
            {building.entrances.length === 0 ? t('residence.noEntrance') : (
              <ul className="inline-list">
                {building.entrances.map((entrance) => (
                  <li key={entrance.id}>{t('residence.entranceDwellings', { name: entrance.name, count: entrance.dwellings })}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      </dl>
    </li>
  );
}
