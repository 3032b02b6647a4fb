/** Admin module: outbox and dead-letter views for operators. */
export { registerAdminRoutes } from './admin.routes';
