import {
  CheckSquareOutlined,
  EditOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  MailOutlined,
  PhoneOutlined,
  TeamOutlined,
  ThunderboltOutlined,
} from '@ant-design/icons';
import type { ActivityKind, Lead, TimelineItem } from '@contracts/leads.contract';
import { Card, Checkbox, Empty, Spin, Timeline } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { LogActivityForm } from './log-activity-form';
import { TimelineEntry } from './timeline-entry';
import { useCampaignNames } from './use-campaign-names';
import { useChangeFormat } from './use-change-format';
import { type TimelineType, useLeadTimeline } from './use-lead';
import { useUserNames } from './use-user-names';

type LeadTimelineProps = { lead: Lead };

const TYPES: readonly TimelineType[] = ['activity', 'event', 'change'];

const ACTIVITY_ICONS: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <TeamOutlined />,
  visit: <EnvironmentOutlined />,
  note: <FileTextOutlined />,
  task: <CheckSquareOutlined />,
};

function iconOf(item: TimelineItem): ReactNode {
  if (item.type === 'activity') return ACTIVITY_ICONS[item.activity.kind];
  if (item.type === 'event') return <ThunderboltOutlined />;
  return <EditOutlined />;
}

/** Ids named in changes of these fields (owners and shares, campaigns), to show their names instead. */
function idsIn(items: readonly TimelineItem[], fields: readonly string[]): string[] {
  const ids: string[] = [];
  for (const item of items) {
    if (item.type !== 'change') continue;
    for (const field of fields) {
      const change = item.change.changes[field];
      for (const v of [change?.from, change?.to].flat()) if (typeof v === 'string') ids.push(v);
    }
  }
  return ids;
}

/** Everything that happened to the lead, newest first, filtered by kind; with the form to log what comes next. */
export function LeadTimeline({ lead }: LeadTimelineProps) {
  const { t } = useTranslation();
  const [types, setTypes] = useState<TimelineType[]>([...TYPES]);
  const shown = types.length === TYPES.length ? [] : types;
  const timeline = useLeadTimeline(lead.id, shown);
  const items = timeline.data ?? [];
  const userNames = useUserNames(useMemo(() => idsIn(items, ['ownerId', 'sharedWith']), [items]));
  const campaignNames = useCampaignNames(useMemo(() => idsIn(items, ['campaignId']), [items]));
  const format = useChangeFormat(userNames, campaignNames);
  return (
    <>
      {lead.can.edit && (
        <Card size="small" title={t('leadScreens.activity.title')} style={{ marginBottom: 16 }}>
          <LogActivityForm lead={lead} />
        </Card>
      )}
      <Checkbox.Group<TimelineType>
        aria-label={t('leadScreens.timeline.filter')}
        value={types}
        onChange={(next) => setTypes(next.length > 0 ? next : [...TYPES])}
        options={TYPES.map((type) => ({ value: type, label: t(`leadScreens.timeline.type.${type}`) }))}
        style={{ marginBottom: 16 }}
      />
      {timeline.isError && <ErrorAlert error={timeline.error} />}
      {timeline.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('leadScreens.timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((item) => ({
            key: `${item.type}-${item.type === 'activity' ? item.activity.id : item.type === 'event' ? item.event.id : item.change.id}`,
            icon: iconOf(item),
            content: <TimelineEntry item={item} format={format} />,
          }))}
        />
      )}
      <LoadMore
        hasMore={timeline.hasNextPage}
        loading={timeline.isFetchingNextPage}
        onLoad={() => void timeline.fetchNextPage()}
      />
    </>
  );
}
