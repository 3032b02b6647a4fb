import { listLeads } from '@contracts/leads.contract';
import { useQuery } from '@tanstack/react-query';
import { Card, Empty, List, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { call } from '../../../api/http';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useSession } from '../../auth/use-session';
import { leadName } from '../../leads/list/lead-name';

type SlaCardProps = { now: number };

/**
 * The user's new leads still waiting for a first contact, the nearest response deadline first (logging a
 * call, email, meeting or visit stops the clock). Holders of leads.assign also get the team's breach list.
 */
export function SlaCard({ now }: SlaCardProps) {
  const { t } = useTranslation();
  const me = useSession();
  const formatDateTime = useFormatDateTime();
  const leads = useQuery({
    queryKey: ['leads', 'my-day-sla'],
    queryFn: ({ signal }) =>
      call(listLeads, { query: { ownerId: 'me', status: 'new', sort: 'slaDueAt', limit: 20 }, signal }),
  });
  const waiting = (leads.data?.items ?? []).filter((l) => l.slaDueAt && !l.firstContactAt);
  return (
    <Card
      size="small"
      title={t('activities.myDay.sla')}
      extra={
        me.permissions.includes('leads.assign') ? (
          <Link to="/leads/sla">{t('activities.myDay.slaAll')}</Link>
        ) : undefined
      }
      style={{ marginBottom: 16 }}
    >
      {leads.isError && <ErrorAlert error={leads.error} />}
      {leads.isPending ? (
        <Spin />
      ) : waiting.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('activities.myDay.nothing')} />
      ) : (
        <List
          size="small"
          dataSource={waiting}
          renderItem={(lead) => {
            const late = lead.slaBreachedAt !== null || Date.parse(lead.slaDueAt ?? '') < now;
            return (
              <List.Item>
                <Link to={`/leads/${lead.id}`}>{leadName(lead, t('common.empty'))}</Link>
                <span>
                  {lead.grade && <Tag>{lead.grade}</Tag>}
                  <Typography.Text type={late ? 'danger' : 'secondary'}>
                    {t(late ? 'activities.myDay.slaLate' : 'activities.myDay.slaDue', {
                      time: formatDateTime(lead.slaDueAt),
                    })}
                  </Typography.Text>
                </span>
              </List.Item>
            );
          }}
        />
      )}
    </Card>
  );
}
