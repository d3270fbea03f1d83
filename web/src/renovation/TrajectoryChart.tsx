import { useTranslation } from 'react-i18next';
import type { TrajectoryYear } from './api.js';

/** The label bans of mainland France drawn on the chart: the year they start and the classes they ban. */
const BANS = [
  { year: 2025, classes: 'G' },
  { year: 2028, classes: 'F/G' },
  { year: 2034, classes: 'E/F/G' },
] as const;

const SERIES = [
  { key: 'G', colour: '#c8102e' },
  { key: 'F', colour: '#e8692d' },
  { key: 'E', colour: '#f5a623' },
] as const;

const WIDTH = 760;
const HEIGHT = 320;
const MARGIN = { top: 36, right: 16, bottom: 36, left: 64 };

/** A step above `value` that keeps the axis labels round (1, 2 or 5 × 10^n). */
function roundCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((step) => step * power).find((candidate) => candidate >= value)!;
}

/**
 * E, F and G dwellings on 1 January of each year, stacked, against the dates the bans start.
 * The same figures are in the table that follows the chart, for screen readers and copy.
 */
export function TrajectoryChart({ years }: { years: readonly TrajectoryYear[] }) {
  const { t, i18n } = useTranslation();
  const format = new Intl.NumberFormat(i18n.language);
  const top = roundCeiling(Math.max(...years.map((year) => year.E + year.F + year.G), 1));
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const slot = plotWidth / Math.max(years.length, 1);
  const y = (value: number) => MARGIN.top + plotHeight - (value / top) * plotHeight;
  const xOf = (year: number) => MARGIN.left + (year - years[0]!.year) * slot;
  return (
    <figure className="trajectory">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="trajectory-caption" className="trajectory__svg">
        {[0, 0.25, 0.5, 0.75, 1].map((share) => (
          <g key={share}>
            <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={y(top * share)} y2={y(top * share)} stroke="#dddddd" />
            <text x={MARGIN.left - 8} y={y(top * share) + 4} textAnchor="end" fontSize="12">{format.format(top * share)}</text>
          </g>
        ))}
        {years.map((year) => {
          let base = 0;
          return (
            <g key={year.year} data-testid="trajectory-bar" data-year={year.year} data-e={year.E} data-f={year.F} data-g={year.G}>
              {SERIES.map(({ key, colour }) => {
                const value = year[key];
                const rect = <rect key={key} x={xOf(year.year) + slot * 0.15} width={slot * 0.7} y={y(base + value)} height={y(base) - y(base + value)} fill={colour} />;
                base += value;
                return rect;
              })}
              <text x={xOf(year.year) + slot / 2} y={HEIGHT - MARGIN.bottom + 18} textAnchor="middle" fontSize="12">{year.year}</text>
            </g>
          );
        })}
        {BANS.filter((ban) => years.some((year) => year.year === ban.year)).map((ban) => (
          <g key={ban.year} data-testid="trajectory-ban" data-year={ban.year}>
            <line x1={xOf(ban.year)} x2={xOf(ban.year)} y1={MARGIN.top - 6} y2={HEIGHT - MARGIN.bottom} stroke="#161616" strokeDasharray="4 3" strokeWidth="1.5" />
            {/* Labels near the right edge run leftwards so they stay inside the chart. */}
            <text x={xOf(ban.year) + (xOf(ban.year) > WIDTH * 0.7 ? -4 : 4)} textAnchor={xOf(ban.year) > WIDTH * 0.7 ? 'end' : 'start'} y={MARGIN.top - 12} fontSize="12" fontWeight="700">
              {t('renovation.chart.ban', { classes: ban.classes, year: ban.year })}
            </text>
          </g>
        ))}
      </svg>
      <figcaption id="trajectory-caption" className="trajectory__caption">
        {t('renovation.chart.caption')}
        <span className="trajectory__legend">
          {SERIES.map(({ key, colour }) => (
            <span key={key}><span className="trajectory__swatch" style={{ background: colour }} aria-hidden="true" /> {key}</span>
          ))}
        </span>
      </figcaption>
    </figure>
  );
}
