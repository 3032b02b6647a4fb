import { ACTIVITY_KINDS, type ActivityKind, type WeeklyReview as Week } from '@contracts/activities.contract';
import { Card, DatePicker, Flex, Select, Spin, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { startOfWeek } from '../calendar/calendar-range';
import { usePeople } from '../use-activities';
import { LogStatusTag, statusOf } from './daily-log-view';
import { useWeeklyReview } from './use-daily-logs';

type Row = { key: string; label: string; counts: Week['totals'] };

/** A person's week: seven logs side by side with their activity counts per kind, and the week's totals. */
export function WeeklyReview() {
  const { t } = useTranslation();
  const people = usePeople();
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const [week, setWeek] = useState<Dayjs>(() => startOfWeek(dayjs()));
  const review = useWeeklyReview({ weekStart: week.format('YYYY-MM-DD'), userId });
  const data = review.data;
  const rows: Row[] = data
    ? [
        ...data.days.map((d) => ({ key: d.day, label: d.day, counts: d.counts })),
        { key: 'total', label: t('activities.dailyLog.totals'), counts: data.totals },
      ]
    : [];
  return (
    <>
      <Flex gap={12} wrap style={{ marginBottom: 16 }}>
        {(people.data?.items.length ?? 0) > 1 && (
          <Select<string>
            aria-label={t('activities.dailyLog.person')}
            style={{ minWidth: 180 }}
            value={userId ?? people.data?.items[0]?.id}
            onChange={setUserId}
            options={(people.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        )}
        <DatePicker
          picker="week"
          aria-label={t('activities.dailyLog.week')}
          value={week}
          allowClear={false}
          onChange={(d) => d && setWeek(startOfWeek(d))}
        />
      </Flex>
      {review.isError && <ErrorAlert error={review.error} />}
      {!data ? (
        <Spin />
      ) : (
        <>
          <Table<Row>
            size="small"
            pagination={false}
            dataSource={rows}
            style={{ marginBottom: 16 }}
            columns={[
              { key: 'day', title: t('activities.dailyLog.day'), dataIndex: 'label' },
              ...ACTIVITY_KINDS.map((kind: ActivityKind) => ({
                key: kind,
                title: t(`activities.kind.${kind}`),
                render: (_: unknown, r: Row) => r.counts[kind],
              })),
            ]}
          />
          {data.days.map((d) => (
            <Card
              key={d.day}
              size="small"
              style={{ marginBottom: 12 }}
              title={
                <>
                  {d.day}{' '}
                  <LogStatusTag
                    status={statusOf({
                      logId: d.log?.logId ?? null,
                      submittedAt: d.log?.submittedAt ?? null,
                      reviewedAt: d.log?.reviewedAt ?? null,
                    })}
                  />
                </>
              }
            >
              {d.log ? (
                <>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>
                    {d.log.summary}
                  </Typography.Paragraph>
                  {d.log.keyPoints.length > 0 && (
                    <ul style={{ paddingInlineStart: 20 }}>
                      {d.log.keyPoints.map((k) => (
                        <li key={`${k.customerId ?? ''}:${k.text}`}>
                          <Typography.Text strong>
                            {k.customerName ?? t('activities.dailyLog.noCustomer')}
                          </Typography.Text>
                          {': '}
                          <span style={{ whiteSpace: 'pre-wrap' }}>{k.text}</span>
                        </li>
                      ))}
                    </ul>
                  )}
                  {d.log.plans && (
                    <Typography.Paragraph type="secondary" style={{ whiteSpace: 'pre-wrap' }}>
                      {t('activities.dailyLog.plans')}: {d.log.plans}
                    </Typography.Paragraph>
                  )}
                  {d.log.reviewComment && (
                    <Typography.Paragraph type="success" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                      {t('activities.dailyLog.review')}: {d.log.reviewComment}
                    </Typography.Paragraph>
                  )}
                </>
              ) : (
                <Typography.Text type="secondary">{t('activities.dailyLog.notWritten')}</Typography.Text>
              )}
            </Card>
          ))}
        </>
      )}
    </>
  );
}
