import {
  cancelLeadImport,
  downloadLeadImportReport,
  getLeadImport,
  type ImportDefaults,
  type ImportIssueReason,
  type ImportMapping,
  type LeadImport,
  listLeadImportIssues,
  listLeadImports,
  startLeadImport,
  uploadLeadImport,
} from '@contracts/lead-import.contract';
import { call } from '../../../api/http';
import type { ImportKind } from './import-kind';
import { useImportMutation } from './use-imports';

const PAGE_SIZE = 20;

/** The lead import for the wizard's shared steps. */
export const leadImportKind: ImportKind<LeadImport> = {
  key: 'lead-imports',
  uploadPath: uploadLeadImport.path,
  reportPath: (id) => downloadLeadImportReport.path.replace(':id', encodeURIComponent(id)),
  list: (cursor, signal) => call(listLeadImports, { query: { limit: PAGE_SIZE, cursor }, signal }),
  get: (id, signal) => call(getLeadImport, { params: { id }, signal }),
  cancel: (id) => call(cancelLeadImport, { params: { id } }),
  issues: (id, signal) => call(listLeadImportIssues, { params: { id }, query: { limit: 20 }, signal }),
  title: (t) => t('leadImport.title'),
  cancelConfirm: (t) => t('leadImport.progress.cancelConfirm'),
  reason: (t, reason) => t(`leadImport.reason.${reason as ImportIssueReason}`),
};

export function useStartImport() {
  return useImportMutation(
    leadImportKind,
    ({ id, ...body }: { id: string; mapping: ImportMapping; defaults: ImportDefaults }) =>
      call(startLeadImport, { params: { id }, body }),
  );
}
