import './i18n/index.js';
import './access.css';
import { Navigate, type RouteObject } from 'react-router';
import './admin/admin.css';
import { AuditPage } from './admin/AuditPage.js';
import { ADMIN_PATH, AUDIT_PATH, USERS_PATH } from './admin/paths.js';
import { UsersPage } from './admin/UsersPage.js';
import { LoginPage } from './LoginPage.js';
import { LOGIN_PATH, PASSWORD_PATH } from './paths.js';
import { PasswordPage } from './PasswordPage.js';

/** Open to everyone. */
export const LOGIN_ROUTE: RouteObject = { path: LOGIN_PATH, element: <LoginPage /> };
/** Behind sign-in (and reachable while the password must change). */
export const PASSWORD_ROUTE: RouteObject = { path: PASSWORD_PATH, element: <PasswordPage /> };
/** The administrator's pages, behind sign-in (the API refuses other roles: they see "access denied"). */
export const ADMIN_ROUTES: RouteObject[] = [
  { path: ADMIN_PATH, element: <Navigate to={USERS_PATH} replace /> },
  { path: USERS_PATH, element: <UsersPage /> },
  { path: AUDIT_PATH, element: <AuditPage /> },
];
export { RequireSession } from './RequireSession.js';
export { SessionProvider } from './SessionContext.js';
