import { PlusOutlined } from '@ant-design/icons';
import type { Campaign, CampaignStatsRow } from '@contracts/marketing.contract';
import type { TableColumnsType } from 'antd';
import { Button, DatePicker, Flex, Popconfirm, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { PageTitle } from '../../../shared/page-title';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { CampaignFormModal } from './campaign-form-modal';
import { ChannelStatsTable } from './channel-stats-table';
import { RoiText } from './roi-text';
import { useCampaignList, useCampaignStats, useDeleteCampaign } from './use-campaigns';
import { useFormatMoney, useFormatPercent } from './use-format-money';

type Row = Campaign & { stats: CampaignStatsRow | undefined };

/** Campaigns with their cost, and per campaign and channel what they brought in the chosen period. */
export function CampaignsPage() {
  const { t, i18n } = useTranslation();
  const [editing, setEditing] = useState<Campaign | 'new' | null>(null);
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const period = {
    from: range?.[0]?.format('YYYY-MM-DD'),
    to: range?.[1]?.format('YYYY-MM-DD'),
  };
  const campaigns = useCampaignList();
  const stats = useCampaignStats(period);
  const remove = useDeleteCampaign();
  const handleError = useErrorHandler();
  const money = useFormatMoney();
  const percent = useFormatPercent();
  const currency = stats.data?.currency ?? '';
  const dateFormat = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }),
    [i18n.language],
  );

  const rows = useMemo<Row[]>(() => {
    const byId = new Map((stats.data?.campaigns ?? []).map((s) => [s.campaignId, s]));
    return (campaigns.data ?? []).map((c) => ({ ...c, stats: byId.get(c.id) }));
  }, [campaigns.data, stats.data]);

  // Dates are calendar days; formatting them at noon UTC keeps the day in every time zone.
  const date = (value: string) => dateFormat.format(new Date(`${value}T12:00:00Z`));
  const periodOf = (c: Campaign) => {
    if (c.startsOn && c.endsOn) return `${date(c.startsOn)} – ${date(c.endsOn)}`;
    if (c.startsOn) return t('marketing.campaigns.from', { date: date(c.startsOn) });
    if (c.endsOn) return t('marketing.campaigns.until', { date: date(c.endsOn) });
    return t('marketing.campaigns.openEnded');
  };
  const foreign = (r: Row) => r.currency !== currency && currency !== '';

  const columns: TableColumnsType<Row> = [
    {
      title: t('marketing.campaigns.name'),
      key: 'name',
      render: (_, r) => (
        <Space size={4} wrap>
          <Typography.Text>{r.name}</Typography.Text>
          {!r.active && <Tag>{t('marketing.campaigns.inactive')}</Tag>}
        </Space>
      ),
    },
    {
      title: t('marketing.campaigns.channel'),
      key: 'channel',
      render: (_, r) => t(`leads.source.${r.channel}`),
    },
    { title: t('marketing.campaigns.period'), key: 'period', render: (_, r) => periodOf(r) },
    {
      title: t('marketing.campaigns.cost'),
      key: 'cost',
      align: 'right',
      render: (_, r) =>
        foreign(r) ? (
          <Tooltip
            title={t('marketing.campaigns.otherCurrency', { currency: r.currency, tenantCurrency: currency })}
          >
            <Typography.Text underline>{money(r.costMinor, r.currency)}</Typography.Text>
          </Tooltip>
        ) : (
          money(r.costMinor, r.currency)
        ),
    },
    {
      title: t('marketing.campaigns.leads'),
      key: 'leads',
      align: 'right',
      render: (_, r) => r.stats?.leads ?? 0,
    },
    {
      title: t('marketing.campaigns.costPerLead'),
      key: 'cpl',
      align: 'right',
      render: (_, r) => money(r.stats?.costPerLeadMinor, currency),
    },
    {
      title: t('marketing.campaigns.conversionRate'),
      key: 'rate',
      align: 'right',
      render: (_, r) => percent(r.stats && r.stats.leads > 0 ? r.stats.converted / r.stats.leads : null),
    },
    {
      title: t('marketing.campaigns.revenue'),
      key: 'revenue',
      align: 'right',
      render: (_, r) =>
        r.stats && r.stats.excludedDeals > 0 ? (
          <Tooltip title={t('marketing.campaigns.excludedDeals', { count: r.stats.excludedDeals })}>
            <Typography.Text underline>{money(r.stats.revenueMinor, currency)}</Typography.Text>
          </Tooltip>
        ) : (
          money(r.stats?.revenueMinor ?? 0, currency)
        ),
    },
    {
      title: t('marketing.campaigns.roi'),
      key: 'roi',
      align: 'right',
      render: (_, r) => <RoiText roi={r.stats?.roi ?? null} />,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) => (
        <Space size={0} wrap>
          <Button type="link" size="small" onClick={() => setEditing(r)}>
            {t('common.edit')}
          </Button>
          <Popconfirm
            title={t('marketing.campaigns.deleteConfirm', { name: r.name })}
            okText={t('common.delete')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => remove.mutateAsync(r.id).catch((error: unknown) => handleError(error))}
          >
            <Button type="link" size="small" danger>
              {t('common.delete')}
            </Button>
          </Popconfirm>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
            {t('marketing.campaigns.create')}
          </Button>
        }
      >
        {t('marketing.campaigns.title')}
      </PageTitle>
      <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
        <Typography.Text>{t('marketing.campaigns.statsPeriod')}</Typography.Text>
        <DatePicker.RangePicker
          value={range}
          onChange={(value) => setRange(value)}
          allowEmpty={[true, true]}
          placeholder={[t('marketing.campaigns.allTime'), t('marketing.campaigns.allTime')]}
        />
        {currency && (
          <Typography.Text type="secondary">
            {t('marketing.campaigns.moneyNote', { currency })}
          </Typography.Text>
        )}
      </Flex>
      {campaigns.isError && <ErrorAlert error={campaigns.error} />}
      {stats.isError && <ErrorAlert error={stats.error} />}
      <Table<Row>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={campaigns.isPending || stats.isFetching}
        pagination={false}
        scroll={{ x: 'max-content' }}
        locale={{ emptyText: t('marketing.campaigns.empty') }}
        expandable={{
          rowExpandable: (r) => r.notes.length > 0 || Boolean(r.utmCampaign),
          expandedRowRender: (r) => (
            <Space orientation="vertical" size={4}>
              {r.utmCampaign && (
                <Typography.Text>
                  {t('marketing.campaigns.utmCampaign')}:{' '}
                  <Typography.Text code>{r.utmCampaign}</Typography.Text>
                </Typography.Text>
              )}
              {r.notes && <div style={{ whiteSpace: 'pre-wrap' }}>{r.notes}</div>}
            </Space>
          ),
        }}
      />
      <LoadMore
        hasMore={campaigns.hasNextPage}
        loading={campaigns.isFetchingNextPage}
        onLoad={() => void campaigns.fetchNextPage()}
      />
      <Typography.Title level={4} style={{ marginTop: 24 }}>
        {t('marketing.campaigns.byChannel')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('marketing.campaigns.byChannelHint')}</Typography.Paragraph>
      <ChannelStatsTable stats={stats.data} loading={stats.isFetching} />
      <CampaignFormModal campaign={editing} onClose={() => setEditing(null)} />
    </>
  );
}
