import type { RouteObject } from 'react-router';

/** The contracts views under /quote-to-cash. */
export const contractRoutes: RouteObject[] = [];
