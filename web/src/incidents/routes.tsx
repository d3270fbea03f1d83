import type { RouteObject } from 'react-router';
import './i18n/index.js';
import './incidents.css';
import { DetailPage } from './DetailPage.js';
import { ListPage } from './ListPage.js';
import { MinePage } from './MinePage.js';
import { INCIDENT_ROUTE, INCIDENTS_PATH, MY_INCIDENTS_PATH, NEW_INCIDENT_PATH } from './paths.js';
import { RecordPage } from './RecordPage.js';

/** The incidents' pages, spread into the app's router (static paths before the id route). */
export const INCIDENT_ROUTES: RouteObject[] = [
  { path: INCIDENTS_PATH, element: <ListPage /> },
  { path: NEW_INCIDENT_PATH, element: <RecordPage /> },
  { path: MY_INCIDENTS_PATH, element: <MinePage /> },
  { path: INCIDENT_ROUTE, element: <DetailPage /> },
];
