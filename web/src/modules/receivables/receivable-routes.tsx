import type { RouteObject } from 'react-router';

/** The receivables views under /quote-to-cash. */
export const receivableRoutes: RouteObject[] = [];
