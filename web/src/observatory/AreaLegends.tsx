import { useTranslation } from 'react-i18next';
import type { Choropleth, Emerging } from './api.js';
import { useFigure } from './format.js';
import { EMERGING_COLOURS, RATE_RAMP, type RateUnit } from './layers.js';

const UNITS: readonly RateUnit[] = ['agency', 'commune', 'hexagon', 'square'];

/** Which areas the rate per 100 dwellings is drawn on. */
export function RateUnitPicker({ unit, onChange }: { unit: RateUnit; onChange: (unit: RateUnit) => void }) {
  const { t } = useTranslation();
  return (
    <label className="observatory-unit">
      {t('observatory.map.rateUnit')}
      <select value={unit} onChange={(event) => onChange(event.target.value as RateUnit)}>
        {UNITS.map((option) => <option key={option} value={option}>{t(`observatory.map.rateUnits.${option}`)}</option>)}
      </select>
    </label>
  );
}

/** The rate scale, and what the areas are: imported boundaries, approximate areas, hexagons or squares. */
export function ChoroplethLegend({ unit, max, areas }: { unit: RateUnit; max: number; areas?: Choropleth }) {
  const { t } = useTranslation();
  const figure = useFigure();
  const source = unit === 'square' ? 'grid' : areas?.source;
  return (
    <div className="observatory-area-legend" data-testid="choropleth-legend" data-unit={unit} data-source={source ?? ''} data-areas={areas?.features.length ?? ''}>
      <strong>{t('observatory.map.rates')} — {t(`observatory.map.rateUnits.${unit}`)}</strong>{' '}
      <span className="observatory-ramp" style={{ background: `linear-gradient(to right, ${RATE_RAMP.join(', ')})` }} aria-hidden="true" />{' '}
      {t('observatory.map.rateScale', { max: figure(max) })}
      {source === 'derived' && <p className="observatory-approximate" data-testid="approximate-areas">{t('observatory.map.approximate')}</p>}
      {source === 'boundaries' && <p>{t('observatory.map.boundaries')}</p>}
      {areas?.withheld && <p>{t('observatory.map.agenciesWithheld')}</p>}
      {areas && areas.withoutArea.length > 0 && <p>{t('observatory.map.withoutArea', { count: areas.withoutArea.length })}</p>}
    </div>
  );
}

/** The emerging hot spot classes present in the answer, in the legend order of ArcGIS Pro. */
export function EmergingLegend({ emerging }: { emerging: Emerging }) {
  const { t } = useTranslation();
  const counts = new Map<string, number>();
  for (const feature of emerging.features) counts.set(feature.properties.category, (counts.get(feature.properties.category) ?? 0) + 1);
  const present = Object.keys(EMERGING_COLOURS).filter((category) => counts.has(category));
  return (
    <div className="observatory-area-legend" data-testid="emerging-legend" data-units={emerging.features.length}>
      <strong>{t('observatory.map.emergingTitle', { months: emerging.months })}</strong>
      {present.length === 0 ? (
        <p>{t('observatory.map.emergingNone')}</p>
      ) : (
        <ul className="observatory-classes">
          {present.map((category) => (
            <li key={category}>
              <span className="observatory-swatch" style={{ background: EMERGING_COLOURS[category] }} aria-hidden="true" /> {t(`observatory.map.emergingCategory.${category}`)} ({counts.get(category)})
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
