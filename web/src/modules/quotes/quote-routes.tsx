import type { RouteObject } from 'react-router';

/** The quotes views under /quote-to-cash. */
export const quoteRoutes: RouteObject[] = [];
