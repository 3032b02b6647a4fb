/** Audit module: the viewer over the audit trail the platform writes. */
export { registerAuditRoutes } from './audit.routes';
