import { useTranslation } from 'react-i18next';
import { NavLink } from 'react-router';
import { AUDIT_PATH, USERS_PATH } from './paths.js';

/** The administrator's two pages. */
export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="admin-nav" aria-label={t('access.admin.nav.label')}>
      <NavLink to={USERS_PATH}>{t('access.admin.nav.users')}</NavLink>
      <NavLink to={AUDIT_PATH}>{t('access.admin.nav.audit')}</NavLink>
    </nav>
  );
}
