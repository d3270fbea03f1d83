import { Navigate, Outlet, useLocation } from 'react-router';
import { LOGIN_PATH, PASSWORD_PATH, withReturn } from './paths.js';
import { useSession } from './SessionContext.js';

/** The pages behind sign-in; an account that must change its password does that first. */
export function RequireSession() {
  const { current } = useSession();
  const location = useLocation();
  const here = location.pathname + location.search + location.hash;
  // While the session is asked for (or unreachable, offline), the page loads its own data at once:
  // without a session its API calls answer 401, which leads to the login page all the same.
  if (current.state === 'loading' || current.state === 'error') return <Outlet />;
  if (current.state === 'signed-out') return <Navigate to={withReturn(LOGIN_PATH, here)} replace />;
  if (current.session.mustChangePassword && location.pathname !== PASSWORD_PATH) return <Navigate to={withReturn(PASSWORD_PATH, here)} replace />;
  return <Outlet />;
}
