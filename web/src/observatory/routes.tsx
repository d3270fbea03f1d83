import type { RouteObject } from 'react-router';
import './i18n/index.js';
import './observatory.css';
import { DashboardPage } from './DashboardPage.js';
import { MapPage } from './MapPage.js';
import { NearRepeatPage } from './NearRepeatPage.js';
import { DASHBOARD_PATH, MAP_PATH, NEAR_REPEAT_PATH } from './paths.js';

/** The observatory's pages, spread into the app's router. */
export const OBSERVATORY_ROUTES: RouteObject[] = [
  { path: DASHBOARD_PATH, element: <DashboardPage /> },
  { path: MAP_PATH, element: <MapPage /> },
  { path: NEAR_REPEAT_PATH, element: <NearRepeatPage /> },
];
