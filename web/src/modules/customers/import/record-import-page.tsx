import type { RecordImportObject } from '@contracts/record-import.contract';
import { ImportWizard } from '../../leads/import/import-wizard';
import { recordImportKinds } from './record-import-kinds';
import { RecordMappingStep } from './record-mapping-step';

type RecordImportPageProps = { object: RecordImportObject };

/** Customer or contact import: the shared import wizard with the record mapping step. */
export function RecordImportPage({ object }: RecordImportPageProps) {
  return (
    <ImportWizard
      key={object}
      kind={recordImportKinds[object]}
      mapping={(imp, onDiscarded) => <RecordMappingStep key={imp.id} imp={imp} onDiscarded={onDiscarded} />}
    />
  );
}
