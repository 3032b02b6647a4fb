import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import type { CalendarEntry } from '@contracts/activities.contract';
import { Alert, Button, Calendar, Card, Empty, Flex, Segmented, Select, Space, Spin, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { ActivityRow } from '../activity-row';
import { usePeople } from '../use-activities';
import { CalendarChip } from './calendar-chip';
import { byDay, type CalendarMode, rangeOf, shift } from './calendar-range';
import { FeedModal } from './feed-modal';
import { useCalendar } from './use-calendar';

const MODES: readonly CalendarMode[] = ['day', 'week', 'month'];
const dayKey = (d: Dayjs) => d.format('YYYY-MM-DD');
const MAX_IN_CELL = 3;

type DayCellProps = { entries: readonly CalendarEntry[] | undefined };

function DayCell({ entries }: DayCellProps) {
  const { t } = useTranslation();
  if (!entries?.length) return null;
  return (
    <div>
      {entries.slice(0, MAX_IN_CELL).map((e) => (
        <CalendarChip key={e.activity.id} entry={e} />
      ))}
      {entries.length > MAX_IN_CELL && (
        <Typography.Text type="secondary">
          {t('activities.calendar.more', { n: entries.length - MAX_IN_CELL })}
        </Typography.Text>
      )}
    </div>
  );
}

/**
 * Meetings, visits and tasks by day, week or month, for the user or (managers) a team member; with the
 * personal ICS feed for phone calendars.
 */
export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const [mode, setMode] = useState<CalendarMode>('week');
  const [anchor, setAnchor] = useState<Dayjs>(() => dayjs());
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [feedOpen, setFeedOpen] = useState(false);
  const people = usePeople();
  const range = useMemo(() => rangeOf(mode, anchor), [mode, anchor]);
  const calendar = useCalendar({ from: range.start.toISOString(), to: range.end.toISOString(), userId });
  const entries = calendar.data?.items ?? [];
  const grouped = useMemo(() => byDay(entries, (iso) => dayKey(dayjs(iso))), [entries]);
  const weekday = new Intl.DateTimeFormat(i18n.language, {
    weekday: 'short',
    month: 'numeric',
    day: 'numeric',
  });
  const title =
    mode === 'month'
      ? new Intl.DateTimeFormat(i18n.language, { year: 'numeric', month: 'long' }).format(anchor.toDate())
      : mode === 'week'
        ? `${weekday.format(range.start.toDate())} – ${weekday.format(range.end.subtract(1, 'day').toDate())}`
        : new Intl.DateTimeFormat(i18n.language, { dateStyle: 'full' }).format(anchor.toDate());
  const others = (people.data?.items.length ?? 0) > 1;
  return (
    <>
      <PageTitle extra={<Button onClick={() => setFeedOpen(true)}>{t('activities.calendar.feed')}</Button>}>
        {t('activities.nav.calendar')}
      </PageTitle>
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 16 }}>
        <Space wrap>
          <Button
            aria-label={t('activities.calendar.prev')}
            icon={<LeftOutlined />}
            onClick={() => setAnchor(shift(mode, anchor, -1))}
          />
          <Button onClick={() => setAnchor(dayjs())}>{t('activities.calendar.today')}</Button>
          <Button
            aria-label={t('activities.calendar.next')}
            icon={<RightOutlined />}
            onClick={() => setAnchor(shift(mode, anchor, 1))}
          />
          <Typography.Text strong>{title}</Typography.Text>
        </Space>
        <Space wrap>
          {others && (
            <Select<string>
              aria-label={t('activities.calendar.person')}
              style={{ minWidth: 180 }}
              value={userId ?? people.data?.items[0]?.id}
              onChange={(id) => setUserId(id === people.data?.items[0]?.id ? undefined : id)}
              options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
            />
          )}
          <Segmented<CalendarMode>
            value={mode}
            onChange={setMode}
            options={MODES.map((m) => ({ value: m, label: t(`activities.calendar.${m}`) }))}
          />
        </Space>
      </Flex>
      {calendar.isError && <ErrorAlert error={calendar.error} />}
      {calendar.data?.truncated && (
        <Alert type="info" showIcon title={t('activities.calendar.truncated')} style={{ marginBottom: 16 }} />
      )}
      {calendar.isPending ? (
        <Spin />
      ) : mode === 'day' ? (
        <Card size="small">
          {entries.length === 0 ? (
            <Empty description={t('activities.calendar.empty')} />
          ) : (
            entries.map((e) => <ActivityRow key={e.activity.id} activity={e.activity} hideOwner />)
          )}
        </Card>
      ) : mode === 'week' ? (
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, minmax(0, 1fr))', gap: 8 }}>
          {range.days.map((d) => (
            <Card
              key={dayKey(d)}
              size="small"
              title={weekday.format(d.toDate())}
              styles={{ body: { minHeight: 160, padding: 8 } }}
              style={dayKey(d) === dayKey(dayjs()) ? { borderColor: '#1677ff' } : undefined}
            >
              {(grouped.get(dayKey(d)) ?? []).map((e) => (
                <CalendarChip key={e.activity.id} entry={e} />
              ))}
            </Card>
          ))}
        </div>
      ) : (
        <Calendar
          value={anchor}
          onPanelChange={(value) => setAnchor(value)}
          onSelect={(value, info) => {
            setAnchor(value);
            if (info.source === 'date') setMode('day');
          }}
          headerRender={() => null}
          cellRender={(current, info) =>
            info.type === 'date' ? <DayCell entries={grouped.get(dayKey(current))} /> : info.originNode
          }
        />
      )}
      <FeedModal open={feedOpen} onClose={() => setFeedOpen(false)} />
    </>
  );
}
