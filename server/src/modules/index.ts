import type { FastifyInstance } from 'fastify';
import { analyzeJob } from '../platform/db/maintenance';
import { eventJobs, type Subscriber } from '../platform/events';
import { forgetCountersJob } from '../platform/http/rate-limit';
import type { JobDefinition } from '../platform/jobs/jobs';
import { mailJobs } from '../platform/mail/mail';
import type { Platform } from '../platform/platform';
import { activityJobs, registerActivityRoutes } from './activities';
import { registerAdminRoutes } from './admin';
import { registerAfterSalesRoutes } from './after-sales';
import { approvalJobs, registerApprovalRoutes } from './approvals';
import { registerAuditRoutes } from './audit';
import { registerAuthRoutes } from './auth';
import { registerCatalogRoutes } from './catalog';
import { contractStatusJob, registerContractRoutes } from './contracts';
import { registerCustomFieldRoutes } from './custom-fields';
import {
  poolSweepJob,
  recordImportJobs,
  registerCustomerRoutes,
  registerRecordImportRoutes,
} from './customers';
import {
  dealAgingJob,
  registerDealRoutes,
  registerNeedsRoutes,
  registerNegotiationRoutes,
  registerPipelineRoutes,
  registerProposalRoutes,
} from './deals';
import { registerEmailRoutes } from './email';
import { registerFileRoutes } from './files';
import {
  leadImportJobs,
  leadRoutingJobs,
  registerCaptureRoutes,
  registerLeadImportRoutes,
  registerLeadRoutes,
  registerLeadRoutingRoutes,
  registerScoringRoutes,
  scoringJobs,
} from './leads';
import { registerNotificationRoutes } from './notifications';
import { quoteExpiryJob, registerQuoteRoutes } from './quotes';
import { receivableJobs, registerReceivableRoutes } from './receivables';
import { registerRetentionRoutes, retentionJobs } from './retention';
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
  registerNotificationRoutes(app, platform);
  registerLeadRoutes(app, platform);
  registerCustomFieldRoutes(app, platform);
  registerCustomerRoutes(app, platform);
  registerActivityRoutes(app, platform);
  registerRetentionRoutes(app, platform);
  registerAfterSalesRoutes(app, platform);
  registerPipelineRoutes(app, platform);
  registerDealRoutes(app, platform);
  registerNegotiationRoutes(app, platform);
  registerNeedsRoutes(app, platform);
  registerProposalRoutes(app, platform);
  registerCatalogRoutes(app, platform);
  registerApprovalRoutes(app, platform);
  registerQuoteRoutes(app, platform);
  registerEmailRoutes(app, platform);
  await registerCaptureRoutes(app, platform);
  registerScoringRoutes(app, platform);
  registerLeadRoutingRoutes(app, platform);
  await registerFileRoutes(app, platform);
  // After the files module: it registers the multipart parser the import upload uses.
  registerLeadImportRoutes(app, platform);
  registerRecordImportRoutes(app, platform);
  // After the files module too: contract verification reads an uploaded PDF.
  registerContractRoutes(app, platform);
  registerReceivableRoutes(app, platform);
}

/** Modules' reactions to audit events (leads, customers… add theirs here). */
export const subscribers: readonly Subscriber[] = [];

export const jobDefinitions: readonly JobDefinition[] = [
  ...(mailJobs as readonly JobDefinition[]),
  analyzeJob as JobDefinition,
  forgetCountersJob as JobDefinition,
  ...scoringJobs,
  ...leadRoutingJobs,
  ...leadImportJobs,
  ...recordImportJobs,
  ...activityJobs,
  poolSweepJob as JobDefinition,
  ...retentionJobs,
  dealAgingJob as JobDefinition,
  ...receivableJobs,
  quoteExpiryJob as JobDefinition,
  ...approvalJobs,
  contractStatusJob as JobDefinition,
  ...(subscribers.length > 0 ? eventJobs(subscribers) : []),
];
