import type { LeadImport, LeadImportSummary } from '@contracts/lead-import.contract';
import type { TFunction } from 'i18next';

/** What every import shows, whatever its object (lead, customer, contact). */
export type ImportView = Omit<LeadImport, 'suggestedMapping' | 'mapping' | 'defaults'>;

export type ImportIssueView = { rowNumber: number; reason: string; detail: string; values: string[] };

/**
 * One kind of import for the wizard's shared steps (upload, progress, result, history): its API calls, its
 * cache key and the few texts that name the object. The mapping step is each kind's own.
 */
export type ImportKind<I extends ImportView> = {
  /** Query-cache key of its imports. */
  key: string;
  uploadPath: string;
  reportPath: (id: string) => string;
  list: (
    cursor: string | undefined,
    signal: AbortSignal,
  ) => Promise<{ items: LeadImportSummary[]; nextCursor: string | null; maxFileBytes: number }>;
  get: (id: string, signal: AbortSignal) => Promise<I>;
  cancel: (id: string) => Promise<I>;
  issues: (id: string, signal: AbortSignal) => Promise<{ items: ImportIssueView[] }>;
  title: (t: TFunction) => string;
  cancelConfirm: (t: TFunction) => string;
  reason: (t: TFunction, reason: string) => string;
};
