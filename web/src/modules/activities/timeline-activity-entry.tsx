import type { Activity } from '@contracts/activities.contract';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../shared/use-format-date-time';

type TimelineActivityEntryProps = { activity: Activity };

/** An activity on a record's timeline: what and with which outcome on one line, when, who and where below. */
export function TimelineActivityEntry({ activity: a }: TimelineActivityEntryProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  return (
    <div>
      <div>
        <Space wrap size={6}>
          <Tag color="blue">{t(`activities.kind.${a.kind}`)}</Tag>
          {a.direction && <Tag>{t(`activities.direction.${a.direction}`)}</Tag>}
          <Typography.Text strong delete={a.doneAt !== null}>
            {a.subject}
          </Typography.Text>
        </Space>
      </div>
      {a.body && (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
          {a.body}
        </Typography.Paragraph>
      )}
      <div>
        <Space wrap size={8}>
          <Typography.Text type="secondary">{formatDateTime(a.occurredAt)}</Typography.Text>
          {a.ownerName && <Typography.Text type="secondary">{a.ownerName}</Typography.Text>}
          {a.location && <Typography.Text type="secondary">{a.location}</Typography.Text>}
          {a.dueAt && (
            <Typography.Text type={a.doneAt ? 'secondary' : 'warning'}>
              {t('activities.item.due', { time: formatDateTime(a.dueAt) })}
            </Typography.Text>
          )}
        </Space>
      </div>
    </div>
  );
}
