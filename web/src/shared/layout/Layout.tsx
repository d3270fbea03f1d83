import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { ADMIN_PATH } from '../../access/admin/paths.js';
import { useSession } from '../../access/SessionContext.js';
import { LanguageSwitch } from './LanguageSwitch.js';
import { UserMenu } from './UserMenu.js';

export function Layout() {
  const { t } = useTranslation();
  const { current } = useSession();
  const signedIn = current.state === 'signed-in';
  const administers = signedIn && current.session.permissions.includes('administer_users');
  return (
    <>
      <a className="skip-link" href="#content">{t('app.skipToContent')}</a>
      <header className="site-header">
        <div className="container site-header__bar">
          <NavLink to="/" className="brand">
            <span className="brand__name">{t('app.name')}</span>
            <span className="brand__tagline">{t('app.tagline')}</span>
          </NavLink>
          <div className="header-tools">
            <UserMenu />
            <LanguageSwitch />
          </div>
        </div>
        {signedIn && (
          <nav className="site-nav" aria-label={t('app.mainNavigation')}>
            <ul className="container site-nav__list">
              <li><NavLink to="/" end>{t('nav.home')}</NavLink></li>
              <li><NavLink to="/patrimoine/recherche">{t('nav.search')}</NavLink></li>
              <li><NavLink to="/renovation">{t('renovation.nav')}</NavLink></li>
              <li><NavLink to="/deliberations">{t('deliberations.nav')}</NavLink></li>
              <li><NavLink to="/incidents">{t('incidents.nav')}</NavLink></li>
              <li><NavLink to="/observatoire">{t('observatory.nav')}</NavLink></li>
              {administers && <li><NavLink to={ADMIN_PATH}>{t('access.admin.nav.entry')}</NavLink></li>}
            </ul>
          </nav>
        )}
      </header>
      <main id="content" className="container" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="site-footer">
        <p className="container">{t('app.footer')}</p>
      </footer>
    </>
  );
}
