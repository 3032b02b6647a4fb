import type { DailyLogListItem } from '@contracts/activities.contract';
import { Button, DatePicker, Drawer, Empty, Flex, Spin, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { DailyLogView, LogStatusTag, statusOf } from './daily-log-view';
import { useDailyLog, useDailyLogList } from './use-daily-logs';

type Open = { userId: string; day: string };

function OpenLog({ open }: { open: Open }) {
  const log = useDailyLog(open.day, open.userId);
  if (log.isError) return <ErrorAlert error={log.error} />;
  return log.data ? <DailyLogView log={log.data} /> : <Spin />;
}

/**
 * The logs of the people a manager oversees, per person and day (up to a week): who wrote, submitted or
 * was reviewed, and how many activities they logged; opening one shows it with the review form.
 */
export function TeamLogs() {
  const { t } = useTranslation();
  const [range, setRange] = useState<[Dayjs, Dayjs]>(() => [dayjs(), dayjs()]);
  const [open, setOpen] = useState<Open | null>(null);
  const list = useDailyLogList({ from: range[0].format('YYYY-MM-DD'), to: range[1].format('YYYY-MM-DD') });
  return (
    <>
      <Flex gap={12} align="center" style={{ marginBottom: 16 }}>
        <DatePicker.RangePicker
          aria-label={t('activities.dailyLog.range')}
          value={range}
          allowClear={false}
          disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
          onChange={(next) => {
            const [from, to] = next ?? [];
            if (from && to) setRange([from, to.diff(from, 'day') > 6 ? from.add(6, 'day') : to]);
          }}
        />
        <Typography.Text type="secondary">{t('activities.dailyLog.rangeHint')}</Typography.Text>
      </Flex>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<DailyLogListItem>
        rowKey={(r) => `${r.userId}-${r.day}`}
        loading={list.isFetching}
        dataSource={list.data?.items ?? []}
        pagination={false}
        locale={{ emptyText: <Empty description={t('activities.myDay.nothing')} /> }}
        columns={[
          { key: 'day', title: t('activities.dailyLog.day'), dataIndex: 'day', width: 120 },
          { key: 'person', title: t('activities.dailyLog.person'), dataIndex: 'userName' },
          {
            key: 'status',
            title: t('activities.dailyLog.statusLabel'),
            render: (_, r) => <LogStatusTag status={statusOf(r)} />,
          },
          {
            key: 'count',
            title: t('activities.dailyLog.activities'),
            dataIndex: 'activityCount',
            width: 100,
          },
          {
            key: 'summary',
            title: t('activities.dailyLog.summary'),
            render: (_, r) => (
              <Typography.Text ellipsis style={{ maxWidth: 360 }}>
                {r.summary ?? ''}
              </Typography.Text>
            ),
          },
          {
            key: 'open',
            title: t('common.actions'),
            render: (_, r) => (
              <Button type="link" onClick={() => setOpen({ userId: r.userId, day: r.day })}>
                {t('activities.dailyLog.open')}
              </Button>
            ),
          },
        ]}
      />
      <Drawer
        open={open !== null}
        onClose={() => setOpen(null)}
        size="large"
        destroyOnHidden
        title={t('activities.nav.dailyLog')}
      >
        {open && <OpenLog open={open} />}
      </Drawer>
    </>
  );
}
