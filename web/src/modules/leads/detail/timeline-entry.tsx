import type { TimelineItem } from '@contracts/leads.contract';
import { LEAD_EVENT_KINDS, type LeadEventKind } from '@contracts/leads.contract';
import { Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { type ChangeFormat, isShownField } from './use-change-format';

type TimelineEntryProps = { item: TimelineItem; format: ChangeFormat };

const isEventKind = (kind: string): kind is LeadEventKind =>
  (LEAD_EVENT_KINDS as readonly string[]).includes(kind);
/** Only web addresses become links; anything else a tracker sent is shown as text. */
const isWebUrl = (url: string) => /^https?:\/\//i.test(url);

/** One thing that happened to the lead: an activity, a behaviour event or a recorded change. */
export function TimelineEntry({ item, format }: TimelineEntryProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const when = <Typography.Text type="secondary">{formatDateTime(item.at)}</Typography.Text>;
  switch (item.type) {
    case 'activity': {
      const a = item.activity;
      return (
        <div>
          <Space wrap size={6}>
            <Tag color="blue">{t(`leads.activityKind.${a.kind}`)}</Tag>
            {a.direction && <Tag>{t(`leadScreens.activity.direction.${a.direction}`)}</Tag>}
            <Typography.Text strong>{a.subject}</Typography.Text>
          </Space>
          {a.body && (
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
              {a.body}
            </Typography.Paragraph>
          )}
          <Space wrap size={8}>
            {when}
            {a.ownerName && <Typography.Text type="secondary">{a.ownerName}</Typography.Text>}
            {a.dueAt && (
              <Typography.Text type={a.doneAt ? 'secondary' : 'warning'}>
                {t('leadScreens.activity.dueAt', { time: formatDateTime(a.dueAt) })}
              </Typography.Text>
            )}
          </Space>
        </div>
      );
    }
    case 'event': {
      const e = item.event;
      const label = e.title || e.url;
      return (
        <div>
          <Space wrap size={6}>
            <Tag color="purple">{isEventKind(e.kind) ? t(`leads.eventKind.${e.kind}`) : e.kind}</Tag>
            {label &&
              (e.url && isWebUrl(e.url) ? (
                <Typography.Link href={e.url} target="_blank" rel="noopener noreferrer">
                  {label}
                </Typography.Link>
              ) : (
                <Typography.Text>{label}</Typography.Text>
              ))}
          </Space>
          <div>{when}</div>
        </div>
      );
    }
    case 'change': {
      const c = item.change;
      const fields = Object.entries(c.changes).filter(([field]) => isShownField(field));
      return (
        <div>
          <Space wrap size={6}>
            <Typography.Text strong>{format.action(c.action)}</Typography.Text>
            {c.actorName && (
              <Typography.Text type="secondary">
                {t('leadScreens.timeline.by', { name: c.actorName })}
              </Typography.Text>
            )}
          </Space>
          {fields.length > 0 && (
            <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
              {fields.map(([field, { from, to }]) =>
                isShownField(field) ? (
                  <li key={field}>
                    <Typography.Text>{format.field(field)}</Typography.Text>
                    {': '}
                    <Typography.Text type="secondary">{format.value(field, from)}</Typography.Text>
                    {' → '}
                    <Typography.Text>{format.value(field, to)}</Typography.Text>
                  </li>
                ) : null,
              )}
            </ul>
          )}
          <div>{when}</div>
        </div>
      );
    }
  }
}
