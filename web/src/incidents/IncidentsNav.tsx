import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { INCIDENTS_PATH, MY_INCIDENTS_PATH, NEW_INCIDENT_PATH } from './paths.js';

/** The three doors of the incidents pages: report, follow up, see my reports. */
export function IncidentsNav() {
  const { t } = useTranslation();
  return (
    <nav className="incidents-nav" aria-label={t('incidents.subnav.label')}>
      <NavLink to={NEW_INCIDENT_PATH} className="button">{t('incidents.subnav.record')}</NavLink>
      <NavLink to={INCIDENTS_PATH} end>{t('incidents.subnav.list')}</NavLink>
      <NavLink to={MY_INCIDENTS_PATH}>{t('incidents.subnav.mine')}</NavLink>
    </nav>
  );
}
