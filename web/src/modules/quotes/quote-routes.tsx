import type { RouteObject } from 'react-router';
import { QuoteListPage } from './quote-list-page';
import { QuotePage } from './quote-page';
import { QuoteSettingsPage } from './quote-settings-page';

/** The quotes views under /quote-to-cash (`quotes/settings` outranks `quotes/:id`: static segments win). */
export const quoteRoutes: RouteObject[] = [
  { path: 'quotes', element: <QuoteListPage /> },
  { path: 'quotes/settings', element: <QuoteSettingsPage /> },
  { path: 'quotes/:id', element: <QuotePage /> },
];
