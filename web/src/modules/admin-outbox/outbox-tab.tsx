import { OutboxMail } from '@contracts/admin.contract';
import type { TableColumnsType } from 'antd';
import { Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import type { MailStatus } from './use-outbox';
import { useOutbox } from './use-outbox';

type Mail = z.infer<typeof OutboxMail>;

const STATUS_COLORS: Record<MailStatus, string> = {
  queued: 'blue',
  sent: 'green',
  failed: 'red',
  held: 'gold',
};
const STATUSES = OutboxMail.shape.status.options;

export function OutboxTab() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<MailStatus | undefined>();
  const mails = useOutbox(status);
  const formatDateTime = useFormatDateTime();
  const columns: TableColumnsType<Mail> = [
    { title: t('outbox.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    { title: t('outbox.to'), dataIndex: 'to' },
    { title: t('outbox.subject'), dataIndex: 'subject' },
    {
      title: t('outbox.status'),
      dataIndex: 'status',
      render: (s: MailStatus) => <Tag color={STATUS_COLORS[s]}>{t(`outbox.mailStatus.${s}`)}</Tag>,
    },
    { title: t('outbox.attempts'), dataIndex: 'attempts', align: 'right' },
    { title: t('outbox.sentAt'), dataIndex: 'sentAt', render: formatDateTime },
  ];
  return (
    <>
      <Select<MailStatus>
        allowClear
        placeholder={t('outbox.anyStatus')}
        value={status}
        onChange={setStatus}
        options={STATUSES.map((s) => ({ value: s, label: t(`outbox.mailStatus.${s}`) }))}
        style={{ width: 180, marginBottom: 16 }}
      />
      {mails.isError && <ErrorAlert error={mails.error} />}
      <Table<Mail>
        rowKey="id"
        columns={columns}
        dataSource={mails.data}
        loading={mails.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
        expandable={{
          expandedRowRender: (mail) => (
            <>
              {mail.lastError && (
                <Typography.Paragraph type="danger" style={{ overflowWrap: 'anywhere' }}>
                  {t('outbox.lastError')}: {mail.lastError}
                </Typography.Paragraph>
              )}
              <pre
                style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', margin: 0, fontFamily: 'inherit' }}
              >
                {mail.text}
              </pre>
            </>
          ),
        }}
      />
      <LoadMore
        hasMore={mails.hasNextPage}
        loading={mails.isFetchingNextPage}
        onLoad={() => void mails.fetchNextPage()}
      />
    </>
  );
}
