import type { RouteObject } from 'react-router';

/** The catalog views under /quote-to-cash. */
export const catalogRoutes: RouteObject[] = [];
