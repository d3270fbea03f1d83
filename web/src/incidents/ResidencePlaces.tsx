import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi, type ResidenceDetail } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';

export interface ChosenPlace {
  kind: 'residence' | 'building' | 'entrance';
  id: number;
  label: string;
}

const buildingName = (building: ResidenceDetail['buildings'][number]) => building.name ?? building.address;

/** The places of one residence as one choice: the whole residence, a building, or one of its entrances. */
export function ResidencePlaces({ residenceId, value, onChange }: { residenceId: number; value: ChosenPlace; onChange: (place: ChosenPlace) => void }) {
  const { t } = useTranslation();
  const selectId = useId();
  const residence = useApi<ResidenceDetail>(`/api/patrimony/residences/${residenceId}`);
  return (
    <RemoteView remote={residence}>
      {(detail) => {
        const options: ChosenPlace[] = [
          { kind: 'residence', id: detail.id, label: detail.name },
          ...detail.buildings.flatMap((building) => [
            { kind: 'building' as const, id: building.id, label: `${buildingName(building)} — ${detail.name}` },
            ...building.entrances.map((entrance) => ({ kind: 'entrance' as const, id: entrance.id, label: `${t('incidents.place.entrance')} ${entrance.name} — ${buildingName(building)} — ${detail.name}` })),
          ]),
        ];
        const key = (place: Pick<ChosenPlace, 'kind' | 'id'>) => `${place.kind}:${place.id}`;
        return (
          <div className="incident-field">
            <label htmlFor={selectId}>{t('incidents.place.level')}</label>
            <select id={selectId} value={key(value)} onChange={(event) => onChange(options.find((option) => key(option) === event.target.value)!)}>
              {options.map((option) => (
                <option key={key(option)} value={key(option)}>
                  {option.kind === 'residence' ? t('incidents.place.wholeResidence') : option.label}
                </option>
              ))}
            </select>
          </div>
        );
      }}
    </RemoteView>
  );
}
