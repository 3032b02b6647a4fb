/** Leads module: capture, qualification, scoring, routing with response SLAs, nurturing and conversion. */

export { registerCaptureRoutes } from './capture/capture.routes';
export { type DemoCompany, seedDemoLeads } from './demo/seed-demo-leads';
export { registerLeadImportRoutes } from './import/import.routes';
export { leadImportJobs } from './import/import-job';
export { recordLeadActivity } from './lead-activities';
export { registerLeadRoutes } from './leads.routes';
export { visibleLead } from './leads.service';
export { leadEvents, leads } from './leads.tables';
export { leadRoutingJobs } from './routing/routing.jobs';
export { registerLeadRoutingRoutes } from './routing/routing.routes';
export { trainTenantModel } from './scoring/predictive/train-model';
export { scoringJobs } from './scoring/scoring.jobs';
export { registerScoringRoutes } from './scoring/scoring.routes';
