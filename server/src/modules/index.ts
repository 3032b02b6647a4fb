import type { FastifyInstance } from 'fastify';
import { eventJobs, type Subscriber } from '../platform/events';
import type { JobDefinition } from '../platform/jobs/jobs';
import { mailJobs } from '../platform/mail/mail';
import type { Platform } from '../platform/platform';
import { registerAdminRoutes } from './admin';
import { registerAuditRoutes } from './audit';
import { registerAuthRoutes } from './auth';
import { registerFileRoutes } from './files';
import { registerTeamRoutes } from './teams';
import { registerTenantRoutes } from './tenant';
import { registerUserRoutes } from './users';

/** The one place that knows every module: their routes and their background jobs. */

export async function registerModules(app: FastifyInstance, platform: Platform): Promise<void> {
  registerAuthRoutes(app, platform);
  registerUserRoutes(app, platform);
  registerTeamRoutes(app, platform);
  registerTenantRoutes(app, platform);
  registerAuditRoutes(app, platform);
  registerAdminRoutes(app, platform);
  await registerFileRoutes(app, platform);
}

/** Modules' reactions to audit events (leads, customers… add theirs here). */
export const subscribers: readonly Subscriber[] = [];

export const jobDefinitions: readonly JobDefinition[] = [
  ...(mailJobs as readonly JobDefinition[]),
  ...(subscribers.length > 0 ? eventJobs(subscribers) : []),
];
