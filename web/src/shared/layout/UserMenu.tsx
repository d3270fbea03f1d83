import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { signOut } from '../../access/api.js';
import { LOGIN_PATH, PASSWORD_PATH } from '../../access/paths.js';
import { useSession } from '../../access/SessionContext.js';
import { unsentReports, wipeLocalData } from '../../offline/wipe.js';
import '../../offline/i18n/index.js';

/** The signed-in person, their role(s), and the way out. */
export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { current, signedOut } = useSession();
  if (current.state !== 'signed-in') return null;
  const { user, grants } = current.session;
  const roles = [...new Set(grants.map((grant) => grant.role))].map((role) => t(`access.roles.${role}`)).join(', ');
  const logout = async () => {
    const unsent = await unsentReports().catch(() => 0);
    if (unsent > 0 && !window.confirm(t('offline.logout.unsent', { count: unsent }))) return;
    // The session ends on the server first; a failure still leaves this page signed out.
    await signOut().catch(() => undefined);
    // Nothing of the agent's work stays on the phone: the offline queue and the kept API answers.
    await wipeLocalData().catch(() => undefined);
    signedOut();
    navigate(LOGIN_PATH, { replace: true });
  };
  return (
    <div className="user-menu" role="group" aria-label={t('access.menu.label')}>
      <p className="user-menu__who" data-testid="user-menu">
        <span>{t('access.menu.signedInAs', { name: user.displayName })}</span>
        <span className="user-menu__role">{roles}</span>
      </p>
      <Link to={PASSWORD_PATH}>{t('access.menu.password')}</Link>
      <button type="button" className="language-switch" onClick={() => void logout()}>{t('access.menu.logout')}</button>
    </div>
  );
}
