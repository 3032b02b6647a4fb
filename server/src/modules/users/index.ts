/** Users module: admin management of the people in a tenant. */
export { registerUserRoutes } from './users.routes';
