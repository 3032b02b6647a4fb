import type { JobDefinition } from '../../../platform/jobs/jobs';
import { importContactsJob, resumeContactImportsJob } from './contact-import';
import { importCustomersJob, resumeCustomerImportsJob } from './customer-import';

/** The customer and contact imports' jobs (the upload cleanup is the leads module's, for every object). */
export const recordImportJobs = [
  importCustomersJob,
  resumeCustomerImportsJob,
  importContactsJob,
  resumeContactImportsJob,
] as readonly JobDefinition[];
