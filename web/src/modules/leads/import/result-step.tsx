import { DownloadOutlined, InfoCircleOutlined } from '@ant-design/icons';
import { downloadLeadImportReport, type ImportIssue, type LeadImport } from '@contracts/lead-import.contract';
import type { TableColumnsType } from 'antd';
import { Button, Col, Result, Row, Space, Statistic, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useImportIssues } from './use-lead-imports';

type ResultStepProps = { imp: LeadImport; onAnother: () => void };

/** Step 4: what the import did, the first skipped rows with their reasons, and the full report as CSV. */
export function ResultStep({ imp, onAnother }: ResultStepProps) {
  const { t, i18n } = useTranslation();
  const issues = useImportIssues(imp.id, imp.skipped > 0);
  const n = (value: number) => value.toLocaleString(i18n.language);
  const reportUrl = downloadLeadImportReport.path.replace(':id', encodeURIComponent(imp.id));

  const columns: TableColumnsType<ImportIssue> = [
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
      render: (_, issue) => t(`leadImport.reason.${issue.reason}`),
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
          imp.status === 'failed' && imp.error
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
          <Table<ImportIssue>
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
