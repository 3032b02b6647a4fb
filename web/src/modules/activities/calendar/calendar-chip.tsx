import type { ActivityKind, CalendarEntry } from '@contracts/activities.contract';
import { Popover, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { ActivityRow } from '../activity-row';

const COLORS: Record<ActivityKind, string> = {
  call: 'blue',
  email: 'cyan',
  meeting: 'purple',
  visit: 'green',
  note: 'default',
  task: 'orange',
};

type CalendarChipProps = { entry: CalendarEntry };

/** One entry in a calendar cell: its time and subject; opening it shows the whole activity with its actions. */
export function CalendarChip({ entry }: CalendarChipProps) {
  const a = entry.activity;
  return (
    <Popover
      trigger="click"
      content={
        <div style={{ width: 420 }}>
          <ActivityRow activity={a} />
        </div>
      }
    >
      <Tag
        color={COLORS[a.kind]}
        style={{
          display: 'block',
          cursor: 'pointer',
          marginInlineEnd: 0,
          marginBottom: 2,
          overflow: 'hidden',
        }}
      >
        <Typography.Text delete={a.doneAt !== null} ellipsis style={{ maxWidth: '100%', color: 'inherit' }}>
          {dayjs(entry.start).format('HH:mm')} {a.subject}
        </Typography.Text>
      </Tag>
    </Popover>
  );
}
