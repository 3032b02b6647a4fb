import type { CampaignStats, ChannelStatsRow } from '@contracts/marketing.contract';
import type { TableColumnsType } from 'antd';
import { Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { RoiText } from './roi-text';
import { useFormatMoney, useFormatPercent } from './use-format-money';

type ChannelStatsTableProps = { stats: CampaignStats | undefined; loading: boolean };

/** Funnel, cost and ROI per source channel for the chosen period. */
export function ChannelStatsTable({ stats, loading }: ChannelStatsTableProps) {
  const { t } = useTranslation();
  const money = useFormatMoney();
  const percent = useFormatPercent();
  const currency = stats?.currency ?? '';
  const columns: TableColumnsType<ChannelStatsRow> = [
    {
      title: t('marketing.campaigns.channel'),
      key: 'channel',
      render: (_, r) => t(`leads.source.${r.channel}`),
    },
    { title: t('marketing.campaigns.leads'), dataIndex: 'leads', align: 'right' },
    { title: t('marketing.campaigns.mqls'), dataIndex: 'mqls', align: 'right' },
    { title: t('marketing.campaigns.sqls'), dataIndex: 'sqls', align: 'right' },
    { title: t('marketing.campaigns.converted'), dataIndex: 'converted', align: 'right' },
    {
      title: t('marketing.campaigns.conversionRate'),
      key: 'rate',
      align: 'right',
      render: (_, r) => percent(r.leads > 0 ? r.converted / r.leads : null),
    },
    {
      title: t('marketing.campaigns.cost'),
      key: 'cost',
      align: 'right',
      render: (_, r) =>
        r.excludedCampaigns > 0 ? (
          <Tooltip title={t('marketing.campaigns.excludedCampaigns', { count: r.excludedCampaigns })}>
            <Typography.Text underline>{money(r.costMinor, currency)}</Typography.Text>
          </Tooltip>
        ) : (
          money(r.costMinor, currency)
        ),
    },
    {
      title: t('marketing.campaigns.costPerLead'),
      key: 'cpl',
      align: 'right',
      render: (_, r) => money(r.costPerLeadMinor, currency),
    },
    {
      title: t('marketing.campaigns.costPerConverted'),
      key: 'cpc',
      align: 'right',
      render: (_, r) => money(r.costPerConvertedMinor, currency),
    },
    {
      title: t('marketing.campaigns.revenue'),
      key: 'revenue',
      align: 'right',
      render: (_, r) => money(r.revenueMinor, currency),
    },
    {
      title: t('marketing.campaigns.roi'),
      key: 'roi',
      align: 'right',
      render: (_, r) => <RoiText roi={r.roi} />,
    },
  ];
  return (
    <Table<ChannelStatsRow>
      rowKey="channel"
      size="small"
      columns={columns}
      dataSource={stats?.channels}
      loading={loading}
      pagination={false}
      scroll={{ x: 'max-content' }}
    />
  );
}
