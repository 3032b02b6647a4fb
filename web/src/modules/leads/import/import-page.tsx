import type { LeadImport } from '@contracts/lead-import.contract';
import { Card, Spin, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { ImportHistory } from './import-history';
import { MappingStep } from './mapping-step';
import { ProgressStep } from './progress-step';
import { ResultStep } from './result-step';
import { UploadStep } from './upload-step';
import { useLeadImport, useLeadImports, useRememberImport } from './use-lead-imports';

function stepOf(status: LeadImport['status']): number {
  if (status === 'uploaded') return 1;
  if (status === 'mapped' || status === 'running') return 2;
  return 3;
}

/**
 * The import wizard: upload, match columns, watch the job, read the result. The import being worked on is
 * in the address (`?id=`), so a reload or a link from a notification opens the same step.
 */
export function ImportPage() {
  const { t } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const id = search.get('id');
  const current = useLeadImport(id);
  const imports = useLeadImports();
  const remember = useRememberImport();
  const open = (importId: string | null) => setSearch(importId ? { id: importId } : {});
  const imp = current.data;
  const step = id === null ? 0 : imp ? stepOf(imp.status) : 0;

  return (
    <>
      <PageTitle>{t('leadImport.title')}</PageTitle>
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
          <UploadStep
            maxBytes={imports.data?.maxFileBytes ?? null}
            onUploaded={(uploaded) => {
              remember(uploaded);
              open(uploaded.id);
            }}
          />
        )}
        {id !== null && current.isError && <ErrorAlert error={current.error} />}
        {id !== null && current.isPending && <Spin />}
        {imp && step === 1 && <MappingStep key={imp.id} imp={imp} onDiscarded={() => open(null)} />}
        {imp && step === 2 && <ProgressStep imp={imp} />}
        {imp && step === 3 && <ResultStep imp={imp} onAnother={() => open(null)} />}
      </Card>
      <ImportHistory onOpen={open} />
    </>
  );
}
