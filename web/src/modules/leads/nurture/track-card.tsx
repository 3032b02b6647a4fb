import { MailOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { NurtureTrack } from '@contracts/lead-routing.contract';
import { Button, Card, Flex, Popconfirm, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

type TrackCardProps = { track: NurtureTrack; editable: boolean; onEdit: () => void; onDelete: () => void };

/** A track at a glance: its touches on a day-by-day timeline, its switches and how many leads are on it. */
export function TrackCard({ track, editable, onEdit, onDelete }: TrackCardProps) {
  const { t } = useTranslation();
  let day = 0;
  const items = track.steps.map((step, i) => {
    day += step.delayDays;
    return {
      key: String(i),
      color: step.kind === 'task' ? 'orange' : 'blue',
      icon: step.kind === 'task' ? <ScheduleOutlined /> : <MailOutlined />,
      content: (
        <Flex vertical>
          <Typography.Text type="secondary">
            {t('leadRouting.nurture.day', { day })} · {t(`leadRouting.nurture.kind.${step.kind}`)}
          </Typography.Text>
          <Typography.Text>{step.subject}</Typography.Text>
        </Flex>
      ),
    };
  });
  return (
    <Card
      size="small"
      title={
        <Space wrap>
          <span>{track.name}</span>
          {track.isDefault && <Tag color="blue">{t('leadRouting.nurture.isDefault')}</Tag>}
          {track.repeat && <Tag>{t('leadRouting.nurture.repeatOn')}</Tag>}
          {!track.active && <Tag>{t('leadRouting.nurture.inactive')}</Tag>}
        </Space>
      }
      extra={
        editable && (
          <Space size={0}>
            <Button
              type="link"
              size="small"
              onClick={onEdit}
              aria-label={`${t('common.edit')} ${track.name}`}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={t('leadRouting.nurture.deleteConfirm', { name: track.name })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={onDelete}
            >
              <Button type="link" size="small" danger aria-label={`${t('common.delete')} ${track.name}`}>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      <Typography.Paragraph strong>
        {t('leadRouting.nurture.enrolled', { count: track.enrolled })}
      </Typography.Paragraph>
      <Timeline items={items} />
    </Card>
  );
}
