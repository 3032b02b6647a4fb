import type { ActivityItem, CalendarEntry } from '@contracts/activities.contract';
import { Button, Card, Col, Empty, Modal, Row, Space, Spin } from 'antd';
import dayjs from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { PageTitle } from '../../../shared/page-title';
import { ActivityComposer } from '../activity-composer';
import { ActivityRow } from '../activity-row';
import { useCalendar } from '../calendar/use-calendar';
import { useActivities } from '../use-activities';
import { SlaCard } from './sla-card';

type SectionProps = {
  title: string;
  items: readonly ActivityItem[] | undefined;
  loading: boolean;
  error: unknown;
  now: number;
  more?: { hasMore: boolean; loading: boolean; onLoad: () => void };
};

function Section({ title, items, loading, error, now, more }: SectionProps) {
  const { t } = useTranslation();
  return (
    <Card
      size="small"
      title={`${title}${items?.length ? ` · ${items.length}` : ''}`}
      style={{ marginBottom: 16 }}
    >
      {Boolean(error) && <ErrorAlert error={error} />}
      {loading ? (
        <Spin />
      ) : !items?.length ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.myDay.nothing')} />
      ) : (
        items.map((a) => <ActivityRow key={a.id} activity={a} hideOwner now={now} />)
      )}
      {more && <LoadMore {...more} />}
    </Card>
  );
}

const activitiesOf = (entries: readonly CalendarEntry[] | undefined) => entries?.map((e) => e.activity);

/**
 * A rep's day on one screen: overdue tasks, what is due today, today's meetings and visits, reminders
 * still to come, the week's tasks, and leads waiting for their first contact.
 */
export function MyDayPage() {
  const { t } = useTranslation();
  const [composing, setComposing] = useState<'call' | 'task' | null>(null);
  // Fixed for the life of the page, so the queries keep their keys.
  const { now, startOfDay, endOfDay, weekEnd, dayAhead } = useMemo(() => {
    const at = dayjs();
    return {
      now: at.valueOf(),
      startOfDay: at.startOf('day').toISOString(),
      endOfDay: at.endOf('day').add(1, 'millisecond').toISOString(),
      weekEnd: at.startOf('day').add(8, 'day').toISOString(),
      dayAhead: at.add(1, 'day').toISOString(),
    };
  }, []);
  const nowIso = new Date(now).toISOString();
  const overdue = useActivities({ ownerId: 'me', overdue: 'true', sort: 'dueAt', limit: 50 });
  const dueToday = useActivities({ ownerId: 'me', open: 'true', sort: 'dueAt', from: nowIso, to: endOfDay });
  const upcoming = useActivities({ ownerId: 'me', open: 'true', sort: 'dueAt', from: endOfDay, to: weekEnd });
  const today = useCalendar({ from: startOfDay, to: endOfDay });
  const ahead = useCalendar({ from: nowIso, to: dayAhead });
  const meetings = today.data?.items.filter((e) => e.activity.kind !== 'task');
  const reminders = ahead.data?.items
    .filter((e) => e.activity.remindAt && !e.activity.doneAt && Date.parse(e.activity.remindAt) >= now)
    .sort((a, b) => Date.parse(a.activity.remindAt ?? '') - Date.parse(b.activity.remindAt ?? ''));
  return (
    <>
      <PageTitle
        extra={
          <Space>
            <Button onClick={() => setComposing('task')}>{t('activities.myDay.newTask')}</Button>
            <Button type="primary" onClick={() => setComposing('call')}>
              {t('activities.myDay.newActivity')}
            </Button>
          </Space>
        }
      >
        {t('activities.nav.myDay')}
      </PageTitle>
      <Row gutter={16}>
        <Col xs={24} lg={14}>
          <Section
            title={t('activities.myDay.overdue')}
            items={overdue.data}
            loading={overdue.isPending}
            error={overdue.error}
            now={now}
            more={{
              hasMore: overdue.hasNextPage,
              loading: overdue.isFetchingNextPage,
              onLoad: () => void overdue.fetchNextPage(),
            }}
          />
          <Section
            title={t('activities.myDay.dueToday')}
            items={dueToday.data}
            loading={dueToday.isPending}
            error={dueToday.error}
            now={now}
          />
          <Section
            title={t('activities.myDay.today')}
            items={activitiesOf(meetings)}
            loading={today.isPending}
            error={today.error}
            now={now}
          />
          <Section
            title={t('activities.myDay.upcoming')}
            items={upcoming.data}
            loading={upcoming.isPending}
            error={upcoming.error}
            now={now}
            more={{
              hasMore: upcoming.hasNextPage,
              loading: upcoming.isFetchingNextPage,
              onLoad: () => void upcoming.fetchNextPage(),
            }}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Section
            title={t('activities.myDay.reminders')}
            items={activitiesOf(reminders)}
            loading={ahead.isPending}
            error={ahead.error}
            now={now}
          />
          <SlaCard now={now} />
        </Col>
      </Row>
      <Modal
        open={composing !== null}
        title={t(composing === 'task' ? 'activities.myDay.newTask' : 'activities.composer.title')}
        footer={null}
        onCancel={() => setComposing(null)}
        destroyOnHidden
        width={720}
      >
        {composing && (
          <ActivityComposer
            defaultKind={composing}
            onDone={() => setComposing(null)}
            onCancel={() => setComposing(null)}
          />
        )}
      </Modal>
    </>
  );
}
