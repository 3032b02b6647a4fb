import type { RouteObject } from 'react-router';
import { Navigate } from 'react-router';
import { ComplaintsPage } from './complaints-page';

/** The after-sales views under /after-sales. */
export const afterSalesRoutes: RouteObject[] = [
  { index: true, element: <Navigate to="complaints" replace /> },
  { path: 'complaints', element: <ComplaintsPage /> },
];
