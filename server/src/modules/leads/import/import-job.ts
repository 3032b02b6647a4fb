import type { Platform } from '../../../platform/platform';
import { type RunOptions, resumeStaleObjectImports, runObjectImport } from './import-engine';
import { leadImportSpec } from './lead-import';

/** The lead import's job, on the shared import engine (import-engine.ts). */

export { importLease, type RunOptions } from './import-engine';
export { batchRowsFor, importLeadsJob, leadImportJobs, resumeImportsJob } from './lead-import';

/** Runs (or resumes) one lead import to its end; safe to call again at any time. */
export function runImport(
  platform: Platform,
  tenantId: string,
  importId: string,
  options: RunOptions = {},
): Promise<void> {
  return runObjectImport(platform, leadImportSpec, tenantId, importId, options);
}

/** Lead imports whose run was lost are queued again (see resumeStaleObjectImports). */
export function resumeStaleImports(platform: Platform): Promise<number> {
  return resumeStaleObjectImports(platform, leadImportSpec);
}
