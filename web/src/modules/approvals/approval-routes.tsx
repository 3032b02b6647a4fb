import type { RouteObject } from 'react-router';

/** The approvals views under /quote-to-cash. */
export const approvalRoutes: RouteObject[] = [];
