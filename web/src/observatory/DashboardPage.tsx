import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { INCIDENTS_PATH } from '../incidents/paths.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import type { Dashboard, Figure } from './api.js';
import { FilterBar, useObservatoryFilters } from './FilterBar.js';
import { filtersQuery, incidentListQuery, type Filters } from './filters.js';
import { numeric, useFigure } from './format.js';
import { ObservatoryNav } from './ObservatoryNav.js';
import { ReportLinks } from './ReportLinks.js';
import { MAP_PATH } from './paths.js';
import { SuppressionNote } from './SuppressionNote.js';
import { useDashboard } from './useDashboard.js';

export function DashboardPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('observatory.dashboard.title'));
  const [filters, setFilters] = useObservatoryFilters();
  const { dashboard, agencies, period } = useDashboard(filters);
  return (
    <>
      <ObservatoryNav />
      <h1>{t('observatory.dashboard.title')}</h1>
      <p className="lead">{t('observatory.dashboard.intro')}</p>
      <FilterBar filters={filters} onChange={setFilters} agencies={agencies} period={period} />
      <RemoteView remote={dashboard}>{(data) => <Panels data={data} filters={filters} />}</RemoteView>
    </>
  );
}

function Panels({ data, filters }: { data: Dashboard; filters: Filters }) {
  const { t } = useTranslation();
  const figure = useFigure();
  const query = filtersQuery(filters);
  return (
    <div className="observatory-panels" data-testid="dashboard">
      <SuppressionNote suppression={data.suppression} />
      <p>
        {t('observatory.dashboard.period', data.period.current)} · {t('observatory.dashboard.dwellings', { count: data.dwellings })} ·{' '}
        <Link to={query ? `${MAP_PATH}?${query}` : MAP_PATH}>{t('observatory.dashboard.openMap')}</Link>
      </p>
      <p data-testid="exports">
        {t('observatory.dashboard.export')}{' '}
        {(['csv', 'xlsx', 'geojson'] as const).map((format, index) => (
          <span key={format}>
            {index > 0 && ' · '}
            <a href={`/api/observatory/export?${[query, `format=${format}`].filter(Boolean).join('&')}`} download>{t(`observatory.dashboard.exportFormat.${format}`)}</a>
          </span>
        ))}
      </p>
      <ReportLinks data={data} />
      <Indicators data={data} />
      <div className="observatory-columns">
        <FigureTable
          id="families" title={t('observatory.dashboard.families')} head={[t('observatory.dashboard.family'), t('observatory.dashboard.incidents')]}
          rows={data.families.map((row) => ({ key: row.family, cells: [t(`incidents.family.${row.family}`), figure(row.incidents)], bar: row.incidents }))}
        />
        <FigureTable
          id="communes" title={t('observatory.dashboard.communes')}
          head={[t('observatory.dashboard.commune'), t('observatory.dashboard.incidents'), t('observatory.dashboard.dwellingsColumn'), t('observatory.dashboard.rate')]}
          rows={data.communes.map((row) => ({ key: row.insee, cells: [row.name ?? row.insee, figure(row.incidents), figure(row.dwellings), figure(row.ratePer100Dwellings)], bar: row.incidents }))}
        />
        {data.agencies.length > 0 && (
          <FigureTable
            id="agencies" title={t('observatory.dashboard.agencies')}
            head={[t('observatory.dashboard.agency'), t('observatory.dashboard.incidents'), t('observatory.dashboard.previousColumn'), t('observatory.dashboard.rate')]}
            rows={data.agencies.map((row) => ({ key: String(row.agencyId), cells: [row.name, figure(row.incidents), figure(row.previous), figure(row.ratePer100Dwellings)], bar: row.incidents }))}
          />
        )}
        <FigureTable
          id="qpv" title={t('observatory.dashboard.qpv')} head={[t('observatory.dashboard.qpvCode'), t('observatory.dashboard.incidents'), t('observatory.dashboard.rate')]}
          rows={data.qpv.map((row) => ({ key: row.code ?? '-', cells: [row.code ?? t('observatory.dashboard.outsideQpv'), figure(row.incidents), figure(row.ratePer100Dwellings)], bar: row.incidents }))}
        />
      </div>
      <Trend trend={data.trend} />
      <HourGrid hours={data.hourWeekday} />
      {data.halls.length > 0 && (
        <FigureTable
          id="halls" title={t('observatory.dashboard.halls')} head={[t('observatory.dashboard.hall'), t('observatory.dashboard.incidents')]}
          rows={data.halls.map((hall) => ({
            key: String(hall.entranceId),
            cells: [
              <Link key="hall" to={`${INCIDENTS_PATH}?${incidentListQuery(filters, data.period.current, { entranceId: hall.entranceId })}`}>
                {[hall.name, hall.buildingName, hall.residenceName].filter(Boolean).join(' — ')}
              </Link>,
              figure(hall.incidents),
            ],
            bar: hall.incidents,
          }))}
        />
      )}
      <FigureTable
        id="hall-levels" title={t('observatory.dashboard.hallLevels')} head={[t('observatory.dashboard.levelColumn'), t('observatory.dashboard.lastQuarter'), t('observatory.dashboard.previousQuarter')]}
        rows={(['green', 'yellow', 'orange', 'red'] as const).map((level) => ({
          key: level, cells: [t(`observatory.dashboard.level.${level}`), figure(data.hallLevels.levels[level]), figure(data.hallLevels.previousLevels[level])], bar: data.hallLevels.levels[level],
        }))}
      />
    </div>
  );
}

function Indicators({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const figure = useFigure();
  const periods = ['current', 'previous', 'lastYear'] as const;
  const percent = { style: 'percent', maximumFractionDigits: 1 } as const;
  const rows: [string, (indicators: Dashboard['indicators']['current']) => string][] = [
    [t('observatory.dashboard.incidents'), (row) => figure(row.incidents)],
    [t('observatory.dashboard.rate'), (row) => figure(row.ratePer100Dwellings)],
    [t('observatory.dashboard.damageCost'), (row) => figure(row.damageCost, { maximumFractionDigits: 0 })],
    [t('observatory.dashboard.costPerDwelling'), (row) => figure(row.damageCostPerDwellingPerYear, { maximumFractionDigits: 2 })],
    [t('observatory.dashboard.complaintShare'), (row) => figure(row.complaintShare, percent)],
    [t('observatory.dashboard.handlingHours'), (row) => figure(row.meanHandlingHours)],
    [t('observatory.dashboard.staffAssaults'), (row) => figure(row.staffAssaults.total)],
    [t('observatory.dashboard.staffPer100'), (row) => figure(row.staffAssaults.per100Staff)],
  ];
  return (
    <section aria-labelledby="indicators">
      <h2 id="indicators">{t('observatory.dashboard.indicators')}</h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="indicators">
        <table className="observatory-table" data-testid="indicators">
          <thead>
            <tr>
              <th scope="col">{t('observatory.dashboard.indicator')}</th>
              {periods.map((period) => (
                <th scope="col" key={period}>{t(`observatory.dashboard.${period}`)}<br /><small>{data.period[period].from} → {data.period[period].to}</small></th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, value], index) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                {periods.map((period) => <td key={period} data-testid={index === 0 ? `incidents-${period}` : undefined}>{value(data.indicators[period])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

interface FigureRow {
  key: string;
  cells: ReactNode[];
  /** The figure the row's bar shows (hidden figures draw none). */
  bar: Figure;
}

/** A breakdown as a table, each row with a bar proportional to its count. */
function FigureTable({ id, title, head, rows }: { id: string; title: string; head: string[]; rows: FigureRow[] }) {
  const largest = Math.max(1, ...rows.map((row) => numeric(row.bar)));
  return (
    <section aria-labelledby={`panel-${id}`} className="observatory-panel">
      <h2 id={`panel-${id}`}>{title}</h2>
      {/* Long breakdowns (a landlord's communes) scroll inside the panel rather than stretch the page. */}
      <div className="observatory-scroll" tabIndex={0} role="region" aria-labelledby={`panel-${id}`}>
        <table className="observatory-table" data-testid={`panel-${id}`}>
          <thead><tr>{head.map((label) => <th scope="col" key={label}>{label}</th>)}</tr></thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                <th scope="row">{row.cells[0]}</th>
                {row.cells.slice(1).map((cell, index) => (
                  <td key={index}>
                    {index === 0 && <span className="observatory-bar" style={{ width: `${(numeric(row.bar) / largest) * 4}rem` }} aria-hidden="true" />}
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

function Trend({ trend }: { trend: Dashboard['trend'] }) {
  const { t } = useTranslation();
  const figure = useFigure();
  const largest = Math.max(1, ...trend.map((month) => numeric(month.incidents)));
  return (
    <section aria-labelledby="panel-trend" className="observatory-panel">
      <h2 id="panel-trend">{t('observatory.dashboard.trend')}</h2>
      <div className="observatory-trend" aria-hidden="true">
        {trend.map((month) => (
          <span key={month.month} title={`${month.month} : ${figure(month.incidents)}`} className={typeof month.incidents === 'number' ? '' : 'observatory-trend--hidden'}
            style={{ height: `${typeof month.incidents === 'number' ? (month.incidents / largest) * 100 : 4}%` }} />
        ))}
      </div>
      <details>
        <summary>{t('observatory.dashboard.month')}</summary>
        <table className="observatory-table" data-testid="panel-trend">
          <thead><tr><th scope="col">{t('observatory.dashboard.month')}</th><th scope="col">{t('observatory.dashboard.incidents')}</th></tr></thead>
          <tbody>{trend.map((month) => <tr key={month.month}><th scope="row">{month.month}</th><td>{figure(month.incidents)}</td></tr>)}</tbody>
        </table>
      </details>
    </section>
  );
}

function HourGrid({ hours }: { hours: Dashboard['hourWeekday'] }) {
  const { t } = useTranslation();
  const figure = useFigure();
  const days = t('observatory.dashboard.weekdays', { returnObjects: true }) as string[];
  const largest = Math.max(1, ...hours.grid.flat().map(numeric));
  return (
    <section aria-labelledby="panel-hours" className="observatory-panel">
      <h2 id="panel-hours">{t('observatory.dashboard.hourGrid')}</h2>
      {!hours.available ? (
        <p>{t('observatory.dashboard.hourGridUnavailable')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="panel-hours">
          <table className="observatory-hours" data-testid="panel-hours">
            <caption>{t('observatory.dashboard.hourGridCaption')}</caption>
            <thead><tr><td />{Array.from({ length: 24 }, (_, hour) => <th scope="col" key={hour}>{hour}</th>)}</tr></thead>
            <tbody>
              {hours.grid.map((row, day) => (
                <tr key={day}>
                  <th scope="row">{days[day]}</th>
                  {row.map((count, hour) => (
                    <td key={hour} style={{ background: `rgb(0 0 145 / ${(numeric(count) / largest) * 0.85})`, color: numeric(count) / largest > 0.5 ? '#fff' : undefined }}>{figure(count)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
