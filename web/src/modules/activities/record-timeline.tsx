import { EditOutlined, ThunderboltOutlined } from '@ant-design/icons';
import {
  contactTimeline,
  customerTimeline,
  dealTimeline,
  TIMELINE_TYPES,
  type TimelineItem,
  type TimelineType,
} from '@contracts/activities.contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { Card, Checkbox, Empty, Spin, Timeline } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/http';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { TimelineEntry } from '../leads/detail/timeline-entry';
import { useCampaignNames } from '../leads/detail/use-campaign-names';
import { useChangeFormat } from '../leads/detail/use-change-format';
import { useUserNames } from '../leads/detail/use-user-names';
import { ActivityComposer, type ActivityLinks } from './activity-composer';
import { ActivityKindIcon } from './activity-kind-icon';
import { RecordChangeEntry } from './record-change-entry';
import { TimelineActivityEntry } from './timeline-activity-entry';

export type TimelineRecord = 'customer' | 'contact' | 'deal';

const ROUTES = { customer: customerTimeline, contact: contactTimeline, deal: dealTimeline } as const;

type RecordTimelineProps = {
  record: TimelineRecord;
  id: string;
  /** Show the composer for logging on this record (when the user may). */
  canLog?: boolean;
};

function useRecordTimeline(record: TimelineRecord, id: string, types: readonly TimelineType[]) {
  return useInfiniteQuery({
    queryKey: ['timeline', record, id, types],
    queryFn: ({ pageParam, signal }) =>
      call(ROUTES[record], {
        params: { id },
        query: { limit: 30, cursor: pageParam, types: types.length > 0 ? types.join(',') : undefined },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

function keyOf(item: TimelineItem): string {
  if (item.type === 'activity') return `activity-${item.activity.id}`;
  if (item.type === 'event') return `event-${item.event.id}`;
  return `change-${item.change.id}`;
}

function iconOf(item: TimelineItem): ReactNode {
  if (item.type === 'activity') return <ActivityKindIcon kind={item.activity.kind} />;
  if (item.type === 'event') return <ThunderboltOutlined />;
  return <EditOutlined />;
}

/** Ids a lead's recorded changes name (owners, shares, campaigns), to show names instead. */
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

/**
 * The unified history of a customer, contact or deal, newest first and filterable: its activities, the
 * behaviour and changes of the leads converted into it, and its own recorded changes; with the composer
 * to log what happens next. Other screens embed it with the record's id.
 */
export function RecordTimeline({ record, id, canLog = true }: RecordTimelineProps) {
  const { t } = useTranslation();
  const [types, setTypes] = useState<TimelineType[]>([...TIMELINE_TYPES]);
  const shown = types.length === TIMELINE_TYPES.length ? [] : types;
  const timeline = useRecordTimeline(record, id, shown);
  const items = timeline.data ?? [];
  const userNames = useUserNames(useMemo(() => idsIn(items, ['ownerId', 'sharedWith']), [items]));
  const campaignNames = useCampaignNames(useMemo(() => idsIn(items, ['campaignId']), [items]));
  const format = useChangeFormat(userNames, campaignNames);
  const links: ActivityLinks = { [`${record}Id`]: id };
  return (
    <>
      {canLog && (
        <Card size="small" title={t('activities.composer.title')} style={{ marginBottom: 16 }}>
          <ActivityComposer links={links} />
        </Card>
      )}
      <Checkbox.Group<TimelineType>
        aria-label={t('activities.timeline.filter')}
        value={types}
        onChange={(next) => setTypes(next.length > 0 ? next : [...TIMELINE_TYPES])}
        options={TIMELINE_TYPES.map((type) => ({
          value: type,
          label: t(`activities.timeline.type.${type}`),
        }))}
        style={{ marginBottom: 16 }}
      />
      {timeline.isError && <ErrorAlert error={timeline.error} />}
      {timeline.isPending ? (
        <Spin />
      ) : items.length === 0 ? (
        <Empty description={t('activities.timeline.empty')} />
      ) : (
        <Timeline
          items={items.map((item) => ({
            key: keyOf(item),
            icon: iconOf(item),
            content:
              item.type === 'activity' ? (
                <TimelineActivityEntry activity={item.activity} />
              ) : item.type === 'change' &&
                item.change.entity !== undefined &&
                item.change.entity !== 'lead' ? (
                <RecordChangeEntry item={item} />
              ) : (
                <TimelineEntry item={item} format={format} />
              ),
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
