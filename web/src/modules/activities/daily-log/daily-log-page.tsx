import { DatePicker, Flex, Spin, Tabs } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { usePeople } from '../use-activities';
import { DailyLogView } from './daily-log-view';
import { TeamLogs } from './team-logs';
import { useDailyLog } from './use-daily-logs';
import { WeeklyReview } from './weekly-review';

const TABS = ['mine', 'team', 'week'] as const;
type Tab = (typeof TABS)[number];
const isTab = (v: string | null): v is Tab => (TABS as readonly (string | null)[]).includes(v);
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function MyLog({ day, onDay }: { day: string; onDay: (day: string) => void }) {
  const { t } = useTranslation();
  const log = useDailyLog(day);
  return (
    <>
      <Flex gap={12} style={{ marginBottom: 16 }}>
        <DatePicker
          aria-label={t('activities.dailyLog.day')}
          value={dayjs(day)}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          onChange={(d) => d && onDay(d.format('YYYY-MM-DD'))}
        />
      </Flex>
      {log.isError && <ErrorAlert error={log.error} />}
      {log.data ? <DailyLogView log={log.data} /> : <Spin />}
    </>
  );
}

/**
 * The daily sales log (销售日报): the user's own day, and for managers the team's logs and each person's
 * weekly review. Day and tab live in the address, so a notification can open the reviewed log.
 */
export function DailyLogPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const people = usePeople();
  const requested = params.get('day');
  const day = requested && DAY_RE.test(requested) ? requested : dayjs().format('YYYY-MM-DD');
  const tabParam = params.get('tab');
  const tab: Tab = isTab(tabParam) ? tabParam : 'mine';
  const oversees = (people.data?.items.length ?? 0) > 1;
  const set = (next: Record<string, string>) =>
    setParams((current) => {
      const merged = new URLSearchParams(current);
      for (const [k, v] of Object.entries(next)) merged.set(k, v);
      return merged;
    });
  return (
    <>
      <PageTitle>{t('activities.nav.dailyLog')}</PageTitle>
      <Tabs
        activeKey={tab}
        onChange={(key) => set({ tab: key })}
        items={[
          {
            key: 'mine',
            label: t('activities.dailyLog.tabs.mine'),
            children: <MyLog day={day} onDay={(d) => set({ day: d })} />,
          },
          ...(oversees
            ? [{ key: 'team', label: t('activities.dailyLog.tabs.team'), children: <TeamLogs /> }]
            : []),
          { key: 'week', label: t('activities.dailyLog.tabs.week'), children: <WeeklyReview /> },
        ]}
      />
    </>
  );
}
