import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../shared/api.js';
import { useFormatNumber } from '../shared/format.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { ScrollRegion } from './ScrollRegion.js';
import type { ComplianceOverview } from './api.js';
import { OPERATIONS_PATH } from './paths.js';
import { TrajectoryChart } from './TrajectoryChart.js';
import './renovation.css';

/** The chart starts with the Département partnership, so the 2025 ban shows whatever today's year. */
const PROGRAMME_START = 2024;

export function CompliancePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('renovation.compliance.title'));
  const overview = useApi<ComplianceOverview>(`/api/renovation/compliance?from=${PROGRAMME_START}`);
  return (
    <>
      <h1>{t('renovation.compliance.title')}</h1>
      <p className="lead">{t('renovation.compliance.intro')}</p>
      <p><Link to={OPERATIONS_PATH}>{t('renovation.operations.title')}</Link></p>
      <RemoteView remote={overview}>{(data) => <ComplianceView overview={data} />}</RemoteView>
    </>
  );
}

function ComplianceView({ overview }: { overview: ComplianceOverview }) {
  const { t, i18n } = useTranslation();
  const formatNumber = useFormatNumber();
  const language = i18n.language === 'en' ? 'en' : 'fr';
  const counts = ['compliant', 'covered', 'atRisk', 'notCovered', 'unknown'] as const;
  return (
    <>
      <h2>{t('renovation.compliance.trajectoryTitle')}</h2>
      <TrajectoryChart years={overview.trajectory} />
      <ScrollRegion label={t('renovation.compliance.trajectoryTitle')}>
        <table className="table" data-testid="trajectory-table">
          <caption className="visually-hidden">{t('renovation.compliance.trajectoryTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('renovation.compliance.year')}</th>
              <th scope="col" className="numeric">E</th>
              <th scope="col" className="numeric">F</th>
              <th scope="col" className="numeric">G</th>
              <th scope="col" className="numeric">{t('renovation.compliance.unknown')}</th>
              <th scope="col" className="numeric">{t('renovation.compliance.banned')}</th>
            </tr>
          </thead>
          <tbody>
            {overview.trajectory.map((year) => (
              <tr key={year.year}>
                <th scope="row">{year.year}</th>
                <td className="numeric">{formatNumber(year.E)}</td>
                <td className="numeric">{formatNumber(year.F)}</td>
                <td className="numeric">{formatNumber(year.G)}</td>
                <td className="numeric">{formatNumber(year.unknown)}</td>
                <td className="numeric">{formatNumber(year.banned)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <h2>{t('renovation.compliance.deadlinesTitle', { at: overview.at })}</h2>
      <ScrollRegion label={t('renovation.compliance.deadlinesTitle', { at: overview.at })}>
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('renovation.compliance.deadline')}</th>
              <th scope="col">{t('renovation.compliance.from')}</th>
              {counts.map((key) => <th key={key} scope="col" className="numeric">{t(`renovation.compliance.${key}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {overview.deadlines.filter((summary) => summary.dwellings > 0).map((summary) => (
              <tr key={summary.deadline.id}>
                <th scope="row" className="wrap">{summary.deadline.title[language]}</th>
                <td>{summary.deadline.from}</td>
                {counts.map((key) => <td key={key} className="numeric">{formatNumber(summary[key])}</td>)}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
