import type { RouteObject } from 'react-router';
import { RequirePermission } from '../../app/require-permission';
import { DealBoardPage } from './board/deal-board-page';
import { DealPage } from './detail/deal-page';
import { DealListPage } from './list/deal-list-page';
import { DealSettingsPage } from './settings/deal-settings-page';
import { DealSummaryPage } from './summary/deal-summary-page';

/** Routes under /deals: the board (index), the list, the managers' summary, the settings and a deal's page. */
export const dealRoutes: RouteObject[] = [
  { index: true, element: <DealBoardPage /> },
  { path: 'list', element: <DealListPage /> },
  { path: 'summary', element: <DealSummaryPage /> },
  {
    path: 'settings/:section?',
    element: (
      <RequirePermission permission="deals.configure">
        <DealSettingsPage />
      </RequirePermission>
    ),
  },
  { path: ':id', element: <DealPage /> },
];
