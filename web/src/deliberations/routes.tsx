import type { RouteObject } from 'react-router';
import './i18n/index.js';
import './deliberations.css';
import { ItemPage } from './ItemPage.js';
import { ITEM_ROUTE, SESSION_ROUTE, SESSIONS_PATH } from './paths.js';
import { SessionPage } from './SessionPage.js';
import { SessionsPage } from './SessionsPage.js';

/** The register's pages, spread into the app's router. */
export const DELIBERATION_ROUTES: RouteObject[] = [
  { path: SESSIONS_PATH, element: <SessionsPage /> },
  { path: SESSION_ROUTE, element: <SessionPage /> },
  { path: ITEM_ROUTE, element: <ItemPage /> },
];
