/** Leads module: capture, qualification, scoring, routing with response SLAs, nurturing and conversion. */

export { registerCaptureRoutes } from './capture/capture.routes';
export { type DemoCompany, seedDemoLeads } from './demo/seed-demo-leads';
export { normalizeHeader } from './import/header-matching';
export { registerLeadImportRoutes } from './import/import.routes';
export {
  cancelObjectImport,
  getObjectImport,
  listObjectImports,
  listObjectIssues,
  startObjectImport,
  uploadObjectImport,
} from './import/import.service';
export { type RunOptions, resumeStaleObjectImports, runObjectImport } from './import/import-engine';
export { leadImportJobs } from './import/import-job';
export type {
  ClaimedImport,
  Converted,
  FileRow,
  ImportCaller,
  ImportProblem,
  ImportSpec,
  RowIssue,
} from './import/import-object';
export { objectImportReport } from './import/import-report';
export { savedMappings } from './import/saved-mappings';
export {
  attachment,
  dateTimeFormatter,
  drained,
  neutralize,
  unneutralize,
  writeOut,
} from './import/spreadsheet';
export { parseCompanySize } from './import/value-parsers';
export { recordLeadActivity } from './lead-activities';
export { registerLeadRoutes } from './leads.routes';
export { visibleLead } from './leads.service';
export { leadEvents, leads } from './leads.tables';
export { relinkLeadsOf } from './relink-records';
export { leadRoutingJobs } from './routing/routing.jobs';
export { registerLeadRoutingRoutes } from './routing/routing.routes';
export { trainTenantModel } from './scoring/predictive/train-model';
export { scoringJobs } from './scoring/scoring.jobs';
export { registerScoringRoutes } from './scoring/scoring.routes';
