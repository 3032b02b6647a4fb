import type { RouteObject } from 'react-router';
import { approvalRoutes } from '../approvals/approval-routes';
import { catalogRoutes } from '../catalog/catalog-routes';
import { contractRoutes } from '../contracts/contract-routes';
import { quoteRoutes } from '../quotes/quote-routes';
import { receivableRoutes } from '../receivables/receivable-routes';

/** Every view under /quote-to-cash, each module's own (paths relative: `quotes`, `quotes/:id`, `catalog/…`). */
export const quoteToCashRoutes: RouteObject[] = [
  ...quoteRoutes,
  ...approvalRoutes,
  ...contractRoutes,
  ...receivableRoutes,
  ...catalogRoutes,
];
