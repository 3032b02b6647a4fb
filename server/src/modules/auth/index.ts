/** Auth module: sign-in, setup, password reset, invitations, the caller's profile and API tokens. */
export { registerAuthRoutes } from './auth.routes';
export { createTenantWithAdmin, isSetupNeeded, mailAuthLink } from './auth.service';
export { endUserSessions } from './sessions';
