import type { RouteObject } from 'react-router';
import { ContractListPage } from './contract-list-page';
import { ContractPage } from './contract-page';
import { ContractSettingsPage } from './contract-settings-page';
import { ContractTemplatesPage } from './contract-templates-page';

/** The contracts views under /quote-to-cash (the static `settings` and `templates` outrank `:id`). */
export const contractRoutes: RouteObject[] = [
  { path: 'contracts', element: <ContractListPage /> },
  { path: 'contracts/templates', element: <ContractTemplatesPage /> },
  { path: 'contracts/settings', element: <ContractSettingsPage /> },
  { path: 'contracts/:id', element: <ContractPage /> },
];
