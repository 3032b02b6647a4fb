import type { RouteObject } from 'react-router';
import { QuoteListPage } from './quote-list-page';
import { QuotePage } from './quote-page';

/** The quotes views under /quote-to-cash. */
export const quoteRoutes: RouteObject[] = [
  { path: 'quotes', element: <QuoteListPage /> },
  { path: 'quotes/:id', element: <QuotePage /> },
];
