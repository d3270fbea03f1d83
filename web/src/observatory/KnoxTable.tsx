import { useTranslation } from 'react-i18next';
import { bandLabels } from './bands.js';
import type { NearRepeatResult } from './jobs.js';

type Cell = NearRepeatResult['cells'][number];
/** The usual reading of a Knox cell: significant at 5 % or 1 % (Monte-Carlo p). */
const stars = (p: number) => (p <= 0.01 ? '**' : p <= 0.05 ? '*' : '');

/** The Knox table: distance bands × time bands, observed / expected ratio with its significance. */
export function KnoxTable({ result }: { result: NearRepeatResult }) {
  const { t, i18n } = useTranslation();
  const number = (value: number, digits = 2) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: digits }).format(value);
  const labels = (bands: NearRepeatResult['distanceBands'], unit: string) =>
    bandLabels([...bands.map((band) => band.from), bands.at(-1)!.to ?? 'inf'], unit, (value) => number(value, 0));
  const distances = labels(result.distanceBands, 'm');
  const times = labels(result.timeBands, t('observatory.nearRepeat.days'));
  const columns = result.timeBands.length;
  const cell = (row: number, column: number): Cell => result.cells[row * columns + column]!;
  return (
    <>
      <table className="observatory-table knox-table" data-testid="knox-table">
        <caption>{t('observatory.nearRepeat.tableCaption', { events: number(result.events, 0), iterations: result.iterations, seed: result.seed })}</caption>
        <thead>
          <tr>
            <th scope="col">{t('observatory.nearRepeat.distanceHead')}</th>
            {times.map((label) => <th key={label} scope="col">{label}</th>)}
          </tr>
        </thead>
        <tbody>
          {distances.map((label, row) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              {times.map((time, column) => {
                const { observed, expected, knoxRatio, pValue } = cell(row, column);
                const significant = knoxRatio !== null && knoxRatio > 1 && pValue <= 0.05;
                return (
                  <td key={time} className={significant ? 'knox-cell--significant' : undefined} data-ratio={knoxRatio ?? ''} data-p={pValue}>
                    <strong>{knoxRatio === null ? '—' : number(knoxRatio)}{stars(pValue)}</strong>
                    <br />
                    <small>{t('observatory.nearRepeat.cellDetail', { observed: number(observed, 0), expected: number(expected, 1), p: number(pValue, 3) })}</small>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="knox-legend">{t('observatory.nearRepeat.legend')}</p>
      {result.hiddenConfidential > 0 && <p>{t('observatory.nearRepeat.hiddenConfidential', { count: result.hiddenConfidential })}</p>}
    </>
  );
}
