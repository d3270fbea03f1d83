import { useTranslation } from 'react-i18next';
import { useApi, type PatrimonyStats, type ResidenceMap } from '../shared/api.js';
import { RemoteView } from '../shared/RemoteView.js';
import { useDocumentTitle } from '../shared/useDocumentTitle.js';
import { ResidencesMap } from './ResidencesMap.js';
import { SearchForm } from './SearchForm.js';
import { StatsSummary } from './StatsSummary.js';

export function HomePage() {
  const { t } = useTranslation();
  useDocumentTitle(t('home.title'));
  const stats = useApi<PatrimonyStats>('/api/patrimony/stats');
  const residences = useApi<ResidenceMap>('/api/patrimony/map/residences');
  return (
    <>
      <h1>{t('home.title')}</h1>
      <div className="home-grid">
        <div>
          <p className="lead">{t('home.intro')}</p>
          <SearchForm />
          <section aria-labelledby="key-figures-title">
            <h2 id="key-figures-title">{t('home.countsTitle')}</h2>
            <RemoteView remote={stats}>{(data) => <StatsSummary stats={data} />}</RemoteView>
          </section>
        </div>
        <section aria-labelledby="map-title">
          <h2 id="map-title" className="home-grid__map-title">{t('home.mapTitle')}</h2>
          <RemoteView remote={residences}>{(data) => <ResidencesMap data={data} />}</RemoteView>
        </section>
      </div>
    </>
  );
}
