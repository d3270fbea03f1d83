import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCan } from '../incidents/useCan.js';
import type { Dashboard } from './api.js';

const REPORTS = '/api/observatory/reports';
/** The most communes one pack request names (the route's limit). */
const MAX_PACK_COMMUNES = 50;

/** The ten years offered, the latest first. */
const yearsUpTo = (last: number) => Array.from({ length: 10 }, (_, index) => last - index);

/**
 * Downloads of the observatory's reports: the partner pack (CLSPD) of a commune of the
 * dashboard over its period, and for whole-landlord roles the annual board report and the USH
 * survey of a year. The server checks every download; the page only offers what makes sense.
 */
export function ReportLinks({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const landlordReports = useCan('read_landlord_reports');
  const communes = data.communes.map((row) => row.insee).sort();
  const all = communes.length > 1 && communes.length <= MAX_PACK_COMMUNES ? communes.join(',') : null;
  const [commune, setCommune] = useState(all !== null && data.suppression ? all : communes[0] ?? '');
  // The period's year when it ends in December, else the year before, and never the current year: the last complete one.
  const periodYear = Number(data.period.current.to.slice(0, 4)) - (data.period.current.to.endsWith('-12') ? 0 : 1);
  const [year, setYear] = useState(Math.min(periodYear, new Date().getFullYear() - 1));
  const communeId = useId();
  const yearId = useId();
  const names = new Map(data.communes.map((row) => [row.insee, row.name ?? row.insee]));
  const pack = (format: 'pdf' | 'xlsx') =>
    `${REPORTS}/partner-pack?${new URLSearchParams({ communes: commune, from: data.period.current.from, to: data.period.current.to, format })}`;
  return (
    <section aria-labelledby="panel-reports" className="observatory-reports" data-testid="reports">
      <h2 id="panel-reports">{t('observatory.reports.title')}</h2>
      {communes.length > 0 && (
        <p>
          <label htmlFor={communeId}>{t('observatory.reports.packCommune')}</label>{' '}
          <select id={communeId} value={commune} onChange={(event) => setCommune(event.target.value)}>
            {all !== null && <option value={all}>{t('observatory.reports.allCommunes')}</option>}
            {communes.map((insee) => <option key={insee} value={insee}>{names.get(insee)} ({insee})</option>)}
          </select>{' '}
          {t('observatory.reports.pack')}{' '}
          <a href={pack('pdf')} download data-testid="partner-pack-pdf">PDF</a> · <a href={pack('xlsx')} download data-testid="partner-pack-xlsx">XLSX</a>
        </p>
      )}
      {landlordReports && (
        <p>
          <label htmlFor={yearId}>{t('observatory.reports.year')}</label>{' '}
          <select id={yearId} value={year} onChange={(event) => setYear(Number(event.target.value))}>
            {yearsUpTo(new Date().getFullYear()).map((candidate) => <option key={candidate} value={candidate}>{candidate}</option>)}
          </select>{' '}
          <a href={`${REPORTS}/board?year=${year}`} download data-testid="board-report">{t('observatory.reports.board')}</a> ·{' '}
          <a href={`${REPORTS}/ush-survey?year=${year}`} download data-testid="ush-survey">{t('observatory.reports.ush')}</a>
        </p>
      )}
    </section>
  );
}
