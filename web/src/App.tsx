import { createBrowserRouter, RouterProvider } from 'react-router';
import { ADMIN_ROUTES, LOGIN_ROUTE, PASSWORD_ROUTE, RequireSession, SessionProvider } from './access/routes.js';
import { DELIBERATION_ROUTES } from './deliberations/routes.js';
import { INCIDENT_ROUTES } from './incidents/routes.js';
import { OBSERVATORY_ROUTES } from './observatory/routes.js';
import { HomePage } from './patrimony/HomePage.js';
import { RESIDENCE_ROUTE, SEARCH_PATH } from './patrimony/paths.js';
import { ResidencePage } from './patrimony/ResidencePage.js';
import { SearchPage } from './patrimony/SearchPage.js';
import { renovationRoute } from './renovation/routes.js';
import { Layout } from './shared/layout/Layout.js';
import { NotFoundPage } from './shared/layout/NotFoundPage.js';

const router = createBrowserRouter([
  {
    element: <SessionProvider><Layout /></SessionProvider>,
    children: [
      LOGIN_ROUTE,
      {
        element: <RequireSession />,
        children: [
          { index: true, element: <HomePage /> },
          { path: SEARCH_PATH, element: <SearchPage /> },
          { path: RESIDENCE_ROUTE, element: <ResidencePage /> },
          ...ADMIN_ROUTES,
          ...DELIBERATION_ROUTES,
          ...INCIDENT_ROUTES,
          ...OBSERVATORY_ROUTES,
          renovationRoute,
          PASSWORD_ROUTE,
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
]);

export function App() {
  return <RouterProvider router={router} />;
}
