import type { RouteObject } from 'react-router';
import { ApprovalSettingsPage } from './approval-settings-page';
import { ApprovalsPage } from './approvals-page';

/** The approvals views under /quote-to-cash. */
export const approvalRoutes: RouteObject[] = [
  { path: 'approvals', element: <ApprovalsPage /> },
  { path: 'approvals/settings', element: <ApprovalSettingsPage /> },
];
