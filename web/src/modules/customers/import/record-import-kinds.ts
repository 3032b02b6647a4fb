import {
  type RecordImport,
  type RecordImportDefaults,
  type RecordImportIssueReason,
  type RecordImportMapping,
  type RecordImportObject,
  recordImportRoutes,
} from '@contracts/record-import.contract';
import { call } from '../../../api/http';
import type { ImportKind } from '../../leads/import/import-kind';
import { useImportMutation } from '../../leads/import/use-imports';

const PAGE_SIZE = 20;

function kindOf(object: RecordImportObject): ImportKind<RecordImport> {
  const routes = recordImportRoutes[object];
  return {
    key: `${object}-imports`,
    uploadPath: routes.upload.path,
    reportPath: (id) => routes.report.path.replace(':id', encodeURIComponent(id)),
    list: async (cursor, signal) => {
      const page = await call(routes.list, { query: { limit: PAGE_SIZE, cursor }, signal });
      return page;
    },
    get: (id, signal) => call(routes.get, { params: { id }, signal }),
    cancel: (id) => call(routes.cancel, { params: { id } }),
    issues: (id, signal) => call(routes.issues, { params: { id }, query: { limit: 20 }, signal }),
    title: (t) => t(`recordImport.title.${object}`),
    cancelConfirm: (t) => t(`recordImport.cancelConfirm.${object}`),
    reason: (t, reason) => t(`recordImport.reason.${reason as RecordImportIssueReason}`),
  };
}

/** The customer and contact imports for the shared import wizard. */
export const recordImportKinds: Record<RecordImportObject, ImportKind<RecordImport>> = {
  customer: kindOf('customer'),
  contact: kindOf('contact'),
};

export function useStartRecordImport(object: RecordImportObject) {
  return useImportMutation(
    recordImportKinds[object],
    ({ id, ...body }: { id: string; mapping: RecordImportMapping; defaults: RecordImportDefaults }) =>
      call(recordImportRoutes[object].start, { params: { id }, body }),
  );
}
