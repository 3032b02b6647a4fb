import { ImportWizard } from './import-wizard';
import { MappingStep } from './mapping-step';
import { leadImportKind } from './use-lead-imports';

/** The lead import: the shared wizard with the lead mapping step (fields, source, campaign, owner, team). */
export function ImportPage() {
  return (
    <ImportWizard
      kind={leadImportKind}
      mapping={(imp, onDiscarded) => <MappingStep key={imp.id} imp={imp} onDiscarded={onDiscarded} />}
    />
  );
}
