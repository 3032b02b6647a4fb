import type { RouteObject } from 'react-router';
import { ContractListPage } from './contract-list-page';
import { ContractPage } from './contract-page';

/** The contracts views under /quote-to-cash. */
export const contractRoutes: RouteObject[] = [
  { path: 'contracts', element: <ContractListPage /> },
  { path: 'contracts/:id', element: <ContractPage /> },
];
