import { ClockCircleOutlined } from '@ant-design/icons';
import type { Lead } from '@contracts/leads.contract';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { formatDuration } from '../list/format-duration';
import { slaState } from '../list/sla-state';
import { useNow } from '../list/use-now';

type SlaCardProps = { lead: Lead };

/** The response SLA, counting down live: time left, how long ago it was breached, or when contact was made. */
export function SlaCard({ lead }: SlaCardProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const now = useNow(10_000);
  const state = slaState(lead, now);
  const due = lead.slaDueAt ? t('leadScreens.sla.dueAt', { time: formatDateTime(lead.slaDueAt) }) : null;
  let body: ReactNode;
  switch (state.kind) {
    case 'contacted':
      body = (
        <Typography.Text type={state.late ? 'warning' : 'success'} strong>
          {t(state.late ? 'leadScreens.sla.contactedLateAt' : 'leadScreens.sla.contactedAt', {
            time: formatDateTime(state.at),
          })}
        </Typography.Text>
      );
      break;
    case 'breached':
      body = (
        <Typography.Text type="danger" strong>
          {t('leadScreens.sla.breachedAgo', { duration: formatDuration(state.sinceMs, t) })}
        </Typography.Text>
      );
      break;
    case 'overdue':
      body = (
        <Typography.Text type="danger" strong>
          {t('leadScreens.sla.overdueBy', { duration: formatDuration(state.byMs, t) })}
        </Typography.Text>
      );
      break;
    case 'due':
      body = (
        <Typography.Text type={state.soon ? 'warning' : undefined} strong>
          {t('leadScreens.sla.respondWithin', { duration: formatDuration(state.inMs, t) })}
        </Typography.Text>
      );
      break;
    case 'none':
      body = <Typography.Text type="secondary">{t('leadScreens.sla.none')}</Typography.Text>;
  }
  return (
    <Card
      size="small"
      title={
        <>
          <ClockCircleOutlined /> {t('leadScreens.sla.title')}
        </>
      }
      style={{ marginBottom: 16 }}
    >
      <div aria-live="polite">{body}</div>
      {due && state.kind !== 'none' && (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 0' }}>
          {due}
        </Typography.Paragraph>
      )}
    </Card>
  );
}
