import './i18n/index.js';
import './access.css';
import type { RouteObject } from 'react-router';
import { LoginPage } from './LoginPage.js';
import { LOGIN_PATH, PASSWORD_PATH } from './paths.js';
import { PasswordPage } from './PasswordPage.js';

/** Open to everyone. */
export const LOGIN_ROUTE: RouteObject = { path: LOGIN_PATH, element: <LoginPage /> };
/** Behind sign-in (and reachable while the password must change). */
export const PASSWORD_ROUTE: RouteObject = { path: PASSWORD_PATH, element: <PasswordPage /> };
export { RequireSession } from './RequireSession.js';
export { SessionProvider } from './SessionContext.js';
