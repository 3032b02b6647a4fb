import type { FailedJob } from '@contracts/admin.contract';
import type { TableColumnsType } from 'antd';
import { App, Button, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { useFailedJobs, useRetryJob } from './use-outbox';

type Job = z.infer<typeof FailedJob>;

/** Job payloads and errors are arbitrary JSON: shown as text only. */
function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

export function FailedJobsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const jobs = useFailedJobs();
  const retry = useRetryJob();
  const handleError = useErrorHandler();
  const formatDateTime = useFormatDateTime();
  const columns: TableColumnsType<Job> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('outbox.jobName'), dataIndex: 'name' },
    { title: t('outbox.retryCount'), dataIndex: 'retryCount', align: 'right' },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, job) => (
        <Button
          size="small"
          loading={retry.isPending && retry.variables === job.id}
          onClick={() =>
            retry.mutate(job.id, {
              onSuccess: () => void message.success(t('outbox.retried')),
              onError: (error) => handleError(error),
            })
          }
        >
          {t('common.retry')}
        </Button>
      ),
    },
  ];
  return (
    <>
      {jobs.isError && <ErrorAlert error={jobs.error} />}
      <Table<Job>
        rowKey="id"
        columns={columns}
        dataSource={jobs.data}
        loading={jobs.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (job) => (
            <>
              <Typography.Text strong>{t('outbox.error')}</Typography.Text>
              <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>{asText(job.error)}</pre>
              <Typography.Text strong>{t('outbox.data')}</Typography.Text>
              <pre style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', marginBottom: 0 }}>
                {asText(job.data)}
              </pre>
            </>
          ),
        }}
      />
    </>
  );
}
