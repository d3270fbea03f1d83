import type { RouteObject } from 'react-router';
import { CompliancePage } from './CompliancePage.js';
import { NewOperationPage } from './NewOperationPage.js';
import { OperationPage } from './OperationPage.js';
import { OperationsPage } from './OperationsPage.js';

/** The renovation pages, mounted by the app's router in one entry. */
export const renovationRoute: RouteObject = {
  path: 'renovation',
  children: [
    { index: true, element: <CompliancePage /> },
    { path: 'operations', element: <OperationsPage /> },
    { path: 'operations/nouvelle', element: <NewOperationPage /> },
    { path: 'operations/:operationId', element: <OperationPage /> },
  ],
};
