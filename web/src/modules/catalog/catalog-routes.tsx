import type { RouteObject } from 'react-router';
import { CatalogPage } from './catalog-page';

/** The catalog views under /quote-to-cash: products, then price books and exchange rates as sub-views. */
export const catalogRoutes: RouteObject[] = [
  { path: 'catalog', element: <CatalogPage /> },
  { path: 'catalog/:view', element: <CatalogPage /> },
];
