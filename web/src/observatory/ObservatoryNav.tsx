import { useTranslation } from 'react-i18next';
import { NavLink, useSearchParams } from 'react-router';
import { roleAllows } from '../../../src/access/domain/roles.js';
import { useSession } from '../access/SessionContext.js';
import { filtersFromSearch, filtersQuery } from './filters.js';
import { DASHBOARD_PATH, MAP_PATH, NEAR_REPEAT_PATH } from './paths.js';

/** The dashboard, the map and the near-repeat analysis, each opened with the filters of the page the reader is on. */
export function ObservatoryNav() {
  const { t } = useTranslation();
  const [search] = useSearchParams();
  const query = filtersQuery(filtersFromSearch(search));
  const to = (path: string) => (query ? `${path}?${query}` : path);
  // Near repeats work on incident points, which partners never read (the API refuses them).
  const { current } = useSession();
  const aggregateGrants = current.state === 'signed-in' ? current.session.grants.filter((grant) => roleAllows(grant.role, 'read_aggregates')) : [];
  const readsPoints = !aggregateGrants.every((grant) => grant.role === 'partner');
  return (
    <nav className="observatory-nav" aria-label={t('observatory.subnav.label')}>
      <NavLink to={to(DASHBOARD_PATH)} end>{t('observatory.subnav.dashboard')}</NavLink>
      <NavLink to={to(MAP_PATH)}>{t('observatory.subnav.map')}</NavLink>
      {readsPoints && <NavLink to={to(NEAR_REPEAT_PATH)}>{t('observatory.subnav.nearRepeat')}</NavLink>}
    </nav>
  );
}
