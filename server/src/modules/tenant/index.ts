/** Tenant module: company settings and the built-in role catalogue. */
export { registerTenantRoutes } from './tenant.routes';
