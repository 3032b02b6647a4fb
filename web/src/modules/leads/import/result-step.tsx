import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import type { TableColumnsType } from 'antd';
import { Button, Col, Result, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import type { ImportIssueView, ImportKind, ImportView } from './import-kind';
import { useImportIssues } from './use-imports';

type ResultStepProps<I extends ImportView> = { kind: ImportKind<I>; imp: I; onAnother: () => void };

/** Step 4: what the import did, the first skipped rows with their reasons, and the full report as CSV. */
export function ResultStep<I extends ImportView>({ kind, imp, onAnother }: ResultStepProps<I>) {
  const { t, i18n } = useTranslation();
  const issues = useImportIssues(kind, imp.id, imp.skipped > 0);
  const n = (value: number) => value.toLocaleString(i18n.language);
  const reportUrl = kind.reportPath(imp.id);

  const columns: TableColumnsType<ImportIssueView> = [
    {
      title: (
        <Space size={4}>
          {t('leadImport.result.row')}
          <Tooltip title={t('leadImport.result.rowHint')}>
            <InfoCircleOutlined />
          </Tooltip>
        </Space>
      ),
      dataIndex: 'rowNumber',
      width: 90,
    },
    {
      title: t('leadImport.result.reason'),
      key: 'reason',
      width: 260,
      render: (_, issue) => kind.reason(t, issue.reason),
    },
    {
      title: t('leadImport.result.detail'),
      key: 'detail',
      width: 220,
      render: (_, issue) =>
        issue.detail || (issue.reason === 'duplicate' ? t('leadImport.result.inFile') : t('common.empty')),
    },
    {
      title: t('leadImport.result.values'),
      key: 'values',
      ellipsis: true,
      render: (_, issue) => issue.values.filter(Boolean).join(' · '),
    },
  ];

  const status = imp.status === 'done' ? 'success' : imp.status === 'failed' ? 'error' : 'warning';
  return (
    <>
      <Result
        status={status}
        title={t(
          `leadImport.result.${imp.status === 'done' ? 'done' : imp.status === 'failed' ? 'failed' : 'cancelled'}`,
        )}
        subTitle={
          imp.status === 'failed' && imp.error === 'import_zip_bomb'
            ? t('leadImport.result.zipBomb')
            : imp.status === 'failed' && imp.error
              ? t('leadImport.result.failedText', { error: imp.error })
              : t('leadImport.result.summary', { rows: n(imp.processedRows), file: imp.fileName })
        }
        extra={
          <Space wrap>
            {imp.skipped > 0 && (
              <Button icon={<DownloadOutlined />} href={reportUrl}>
                {t('leadImport.result.download')}
              </Button>
            )}
            <Button type="primary" onClick={onAnother}>
              {t('leadImport.result.another')}
            </Button>
          </Space>
        }
      />
      <Row gutter={16} justify="center" style={{ marginBottom: 24 }}>
        <Col>
          <Statistic title={t('leadImport.result.imported')} value={n(imp.imported)} />
        </Col>
        <Col>
          <Statistic title={t('leadImport.result.skipped')} value={n(imp.skipped)} />
        </Col>
      </Row>
      {imp.skipped === 0 ? (
        imp.status === 'done' && (
          <Typography.Paragraph style={{ textAlign: 'center' }}>
            {t('leadImport.result.noneSkipped')}
          </Typography.Paragraph>
        )
      ) : (
        <>
          <Typography.Title level={5}>{t('leadImport.result.skippedRows')}</Typography.Title>
          {issues.isError && <ErrorAlert error={issues.error} />}
          <Table<ImportIssueView>
            rowKey="rowNumber"
            size="small"
            columns={columns}
            dataSource={issues.data?.items}
            loading={issues.isPending}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        </>
      )}
    </>
  );
}
