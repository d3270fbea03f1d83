import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { LOGIN_PATH, PASSWORD_PATH, withReturn } from './paths.js';
import { useSession } from './SessionContext.js';

/** The pages behind sign-in; an account that must change its password does that first. */
export function RequireSession() {
  const { t } = useTranslation();
  const { current } = useSession();
  const location = useLocation();
  const here = location.pathname + location.search + location.hash;
  if (current.state === 'loading') return <p role="status">{t('common.loading')}</p>;
  if (current.state === 'error') return <div role="alert" className="alert">{t('common.error', { detail: current.message })}</div>;
  if (current.state === 'signed-out') return <Navigate to={withReturn(LOGIN_PATH, here)} replace />;
  if (current.session.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={withReturn(PASSWORD_PATH, here)} replace />;
  return <Outlet />;
}
