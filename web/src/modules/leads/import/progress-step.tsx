import { Alert, Button, Popconfirm, Progress, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import type { ImportKind, ImportView } from './import-kind';
import { importPercent } from './import-percent';
import { useCancelImport } from './use-imports';

type ProgressStepProps<I extends ImportView> = { kind: ImportKind<I>; imp: I };

/** Step 3: the running import, refreshed every second, with its counts so far and a way to stop it. */
export function ProgressStep<I extends ImportView>({ kind, imp }: ProgressStepProps<I>) {
  const { t, i18n } = useTranslation();
  const cancel = useCancelImport(kind);
  const handleError = useErrorHandler();
  const n = (value: number) => value.toLocaleString(i18n.language);
  const queued = imp.status === 'mapped';
  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Typography.Text strong>
        {queued ? t('leadImport.progress.queued') : t('leadImport.progress.running', { file: imp.fileName })}
      </Typography.Text>
      <Progress percent={importPercent(imp)} status="active" />
      <Typography.Text>
        {imp.totalRows
          ? t('leadImport.progress.rowsOf', { processed: n(imp.processedRows), total: n(imp.totalRows) })
          : t('leadImport.progress.rows', { processed: n(imp.processedRows) })}
        {' · '}
        {t('leadImport.progress.counts', { imported: n(imp.imported), skipped: n(imp.skipped) })}
      </Typography.Text>
      {imp.error && (
        <Alert type="warning" showIcon title={t('leadImport.progress.retrying', { error: imp.error })} />
      )}
      <Popconfirm
        title={kind.cancelConfirm(t)}
        okText={t('leadImport.progress.cancel')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true }}
        onConfirm={() => cancel.mutateAsync(imp.id).catch((error: unknown) => handleError(error))}
      >
        <Button danger loading={cancel.isPending}>
          {t('leadImport.progress.cancel')}
        </Button>
      </Popconfirm>
    </Space>
  );
}
