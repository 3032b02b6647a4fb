import { Card, Spin, Steps } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { ImportHistory } from './import-history';
import type { ImportKind, ImportView } from './import-kind';
import { ProgressStep } from './progress-step';
import { ResultStep } from './result-step';
import { UploadStep } from './upload-step';
import { useImport, useImports, useRememberImport } from './use-imports';

function stepOf(status: ImportView['status']): number {
  if (status === 'uploaded') return 1;
  if (status === 'mapped' || status === 'running') return 2;
  return 3;
}

type ImportWizardProps<I extends ImportView> = {
  kind: ImportKind<I>;
  /** The kind's own mapping step for an uploaded import. */
  mapping: (imp: I, onDiscarded: () => void) => ReactNode;
};

/**
 * The import wizard of every object: upload, match columns, watch the job, read the result. The import being
 * worked on is in the address (`?id=`), so a reload or a link from a notification opens the same step.
 */
export function ImportWizard<I extends ImportView>({ kind, mapping }: ImportWizardProps<I>) {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const id = search.get('id');
  const current = useImport(kind, id);
  const imports = useImports(kind);
  const remember = useRememberImport(kind);
  const open = (importId: string | null) => setSearch(importId ? { id: importId } : {});
  const imp = current.data;
  const step = id === null ? 0 : imp ? stepOf(imp.status) : 0;

  return (
    <>
      <PageTitle>{kind.title(t)}</PageTitle>
      <Card>
        <Steps
          current={step}
          style={{ marginBottom: 24 }}
          items={[
            { title: t('leadImport.steps.upload') },
            { title: t('leadImport.steps.mapping') },
            { title: t('leadImport.steps.progress') },
            { title: t('leadImport.steps.result') },
          ]}
        />
        {id === null && (
          <UploadStep<I>
            path={kind.uploadPath}
            maxBytes={imports.data?.maxFileBytes ?? null}
            onUploaded={(uploaded) => {
              remember(uploaded);
              open(uploaded.id);
            }}
          />
        )}
        {id !== null && current.isError && <ErrorAlert error={current.error} />}
        {id !== null && current.isPending && <Spin />}
        {imp && step === 1 && mapping(imp, () => open(null))}
        {imp && step === 2 && <ProgressStep kind={kind} imp={imp} />}
        {imp && step === 3 && <ResultStep kind={kind} imp={imp} onAnother={() => open(null)} />}
      </Card>
      <ImportHistory kind={kind} onOpen={open} />
    </>
  );
}
