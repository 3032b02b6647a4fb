import type { LeadImportSummary } from '@contracts/lead-import.contract';
import type { TableColumnsType } from 'antd';
import { Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import type { ImportKind, ImportView } from './import-kind';
import { ImportStatusTag } from './import-status-tag';
import { useImports } from './use-imports';

type ImportHistoryProps<I extends ImportView> = { kind: ImportKind<I>; onOpen: (id: string) => void };

/** Past imports with their status and counts, newest first. */
export function ImportHistory<I extends ImportView>({ kind, onOpen }: ImportHistoryProps<I>) {
  const { t, i18n } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const imports = useImports(kind);
  const n = (value: number | null) =>
    value === null ? t('common.empty') : value.toLocaleString(i18n.language);
  const columns: TableColumnsType<LeadImportSummary> = [
    { title: t('leadImport.history.file'), dataIndex: 'fileName', ellipsis: true },
    {
      title: t('leadImport.history.status'),
      key: 'status',
      render: (_, imp) => <ImportStatusTag status={imp.status} />,
    },
    {
      title: t('leadImport.history.rows'),
      key: 'rows',
      align: 'right',
      render: (_, imp) => n(imp.processedRows),
    },
    {
      title: t('leadImport.history.imported'),
      key: 'imported',
      align: 'right',
      render: (_, imp) => n(imp.imported),
    },
    {
      title: t('leadImport.history.skipped'),
      key: 'skipped',
      align: 'right',
      render: (_, imp) => n(imp.skipped),
    },
    {
      title: t('leadImport.history.by'),
      key: 'by',
      render: (_, imp) => imp.createdByName ?? t('common.empty'),
    },
    {
      title: t('leadImport.history.at'),
      key: 'at',
      render: (_, imp) => formatDateTime(imp.createdAt),
    },
    {
      title: t('common.actions'),
      key: 'open',
      render: (_, imp) => (
        <Button type="link" size="small" onClick={() => onOpen(imp.id)}>
          {t('leadImport.history.open')}
        </Button>
      ),
    },
  ];
  return (
    <>
      <Typography.Title level={4} style={{ marginTop: 32 }}>
        {t('leadImport.history.title')}
      </Typography.Title>
      {imports.isError && <ErrorAlert error={imports.error} />}
      <Table<LeadImportSummary>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={imports.data?.items}
        loading={imports.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('leadImport.history.empty') }}
      />
      <LoadMore
        hasMore={imports.hasNextPage}
        loading={imports.isFetchingNextPage}
        onLoad={() => void imports.fetchNextPage()}
      />
    </>
  );
}
