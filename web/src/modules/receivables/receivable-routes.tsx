import type { RouteObject } from 'react-router';
import { ReceivablesPage } from './receivables-page';
import { RenewalsPage } from './renewals-page';

/** The receivables views under /quote-to-cash. */
export const receivableRoutes: RouteObject[] = [
  { path: 'receivables', element: <ReceivablesPage /> },
  { path: 'renewals', element: <RenewalsPage /> },
];
