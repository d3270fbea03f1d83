import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DwellingLabel } from '../renovation/api.js';
import type { ResidenceDetail } from '../shared/api.js';
import { DpeBadge } from './DpeBadge.js';

/** Rows shown at first: large residences hold hundreds of dwellings. */
export const FIRST_ROWS = 100;

interface DwellingTableProps {
  dwellings: ResidenceDetail['dwellings'];
  buildings: ResidenceDetail['buildings'];
  /** Each dwelling's effective label (own DPE, else the building's); absent without read_renovation. */
  labels?: ReadonlyMap<number, DwellingLabel>;
}

export function DwellingTable({ dwellings, buildings, labels }: DwellingTableProps) {
  const { t } = useTranslation();
  const [showAll, setShowAll] = useState(false);
  const shown = showAll ? dwellings : dwellings.slice(0, FIRST_ROWS);
  return (
    <>
      <DwellingRows dwellings={shown} buildings={buildings} labels={labels} />
      {shown.length < dwellings.length && (
        <div className="table-footer">
          <p>{t('residence.dwellingsShown', { shown: shown.length, total: dwellings.length })}</p>
          <button type="button" className="button" onClick={() => setShowAll(true)}>
            {t('residence.showAllDwellings', { count: dwellings.length })}
          </button>
        </div>
      )}
    </>
  );
}

function DwellingRows({ dwellings, buildings, labels }: DwellingTableProps) {
  const { t, i18n } = useTranslation();
  const captionId = useId();
  const none = t('common.none');
  const buildingName = new Map(buildings.map((b) => [b.id, b.name ?? b.externalId]));
  const entranceName = new Map(buildings.flatMap((b) => b.entrances.map((e) => [e.id, e.name] as const)));
  const surface = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeZone: 'UTC' });
  return (
    // Scrolls sideways on phones; focusable so keyboard users can scroll it too.
    <div className="table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="table">
        <caption id={captionId} className="visually-hidden">{t('residence.dwellingsCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('dwelling.code')}</th>
            <th scope="col">{t('dwelling.rpls')}</th>
            <th scope="col">{t('dwelling.building')}</th>
            <th scope="col">{t('dwelling.entrance')}</th>
            <th scope="col">{t('dwelling.kind')}</th>
            <th scope="col" className="numeric">{t('dwelling.floor')}</th>
            <th scope="col" className="numeric">{t('dwelling.rooms')}</th>
            <th scope="col" className="numeric">{t('dwelling.surface')}</th>
            <th scope="col">{t('dwelling.dpeEnergy')}</th>
            <th scope="col">{t('dwelling.dpeGhg')}</th>
            <th scope="col">{t('dwelling.dpeDate')}</th>
            {labels && <th scope="col">{t('dwelling.label')}</th>}
          </tr>
        </thead>
        <tbody>
          {dwellings.map((d) => (
            <tr key={d.id}>
              <th scope="row">{d.externalId}</th>
              <td>{d.rplsId ?? none}</td>
              <td>{buildingName.get(d.buildingId) ?? none}</td>
              <td>{(d.entranceId !== null && entranceName.get(d.entranceId)) || none}</td>
              <td>{t(`dwelling.${d.kind}`)}</td>
              <td className="numeric">{d.floor ?? none}</td>
              <td className="numeric">{d.rooms ?? none}</td>
              <td className="numeric">{d.habitableSurface === null ? none : surface.format(d.habitableSurface)}</td>
              <td><DpeBadge value={d.dpeEnergyClass} /></td>
              <td><DpeBadge value={d.dpeGhgClass} /></td>
              <td>{d.dpeDate ? date.format(new Date(d.dpeDate)) : none}</td>
              {labels && <td><EffectiveLabel label={labels.get(d.id)} /></td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The label the rules use: a badge, "building DPE" when it comes from the building, else why it is unknown. */
function EffectiveLabel({ label }: { label: DwellingLabel | undefined }) {
  const { t, i18n } = useTranslation();
  if (!label) return <>{t('common.none')}</>;
  if (label.label === null) return <>{t('dwelling.labelUnknown')} ({t(`dwelling.unknownReason.${label.reason ?? 'missing'}`)})</>;
  const until = label.validUntil ? new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeZone: 'UTC' }).format(new Date(label.validUntil)) : '';
  return (
    <>
      <DpeBadge value={label.label} />
      {label.source === 'building' && (
        <> <small title={t('dwelling.fromBuildingTitle', { numero: label.numeroDpe, until })}>{t('dwelling.fromBuilding')}</small></>
      )}
    </>
  );
}
