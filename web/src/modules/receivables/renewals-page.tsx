import type { Renewal } from '@contracts/receivables.contract';
import type { TableColumnType } from 'antd';
import { App, Button, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { TIER_COLORS } from '../customers/customer-colors';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { useOpenRenewalDeal, useRenewals } from './use-receivables';

const WINDOWS = [30, 60, 90, 180] as const;

/** /quote-to-cash/renewals: live contracts ending soon, with the tier, the offers and the renewal deal. */
export function RenewalsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const formatMoney = useFormatMoney();
  const [within, setWithin] = useState<number>(90);
  const renewals = useRenewals(within);
  const open = useOpenRenewalDeal();
  const columns = useMemo<TableColumnType<Renewal>[]>(
    () => [
      {
        key: 'contract',
        title: t('receivables.renewals.contract'),
        render: (_, r) => (
          <Link to={`/quote-to-cash/contracts/${r.contractId}`}>
            {r.contractNumber} {r.title}
          </Link>
        ),
      },
      {
        key: 'customer',
        title: t('receivables.renewals.customer'),
        ellipsis: true,
        render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
      },
      {
        key: 'tier',
        title: t('receivables.renewals.tier'),
        render: (_, r) =>
          r.tier ? (
            <Tag color={TIER_COLORS[r.tier]}>{t(`receivables.renewals.tierName.${r.tier}`)}</Tag>
          ) : (
            '—'
          ),
      },
      {
        key: 'ends',
        title: t('receivables.renewals.endsOn'),
        render: (_, r) => (
          <Space orientation="vertical" size={0}>
            <span>{r.endsOn}</span>
            <Typography.Text type="secondary">
              {t('receivables.renewals.leadDays', { n: r.leadDays })}
            </Typography.Text>
          </Space>
        ),
      },
      {
        key: 'left',
        title: t('receivables.renewals.daysLeft'),
        align: 'end',
        render: (_, r) => <Tag color={r.daysLeft <= r.leadDays ? 'orange' : 'default'}>{r.daysLeft}</Tag>,
      },
      {
        key: 'amount',
        title: t('receivables.renewals.amount'),
        align: 'end',
        render: (_, r) => formatMoney(r.amountMinor, r.currency),
      },
      {
        key: 'offers',
        title: t('receivables.renewals.offers'),
        render: (_, r) =>
          r.offers.map((o) => (
            <Tag key={o.years}>
              {t('receivables.renewals.offer', { years: o.years, percent: o.discountPercent })}
            </Tag>
          )),
      },
      { key: 'owner', title: t('receivables.renewals.owner'), render: (_, r) => r.ownerName ?? '—' },
      {
        key: 'deal',
        title: t('receivables.renewals.deal'),
        render: (_, r) =>
          r.renewalDealId ? (
            <Link to={`/deals/${r.renewalDealId}`}>{r.renewalDealName ?? r.renewalDealId}</Link>
          ) : (
            <Button
              size="small"
              loading={open.isPending && open.variables === r.contractId}
              onClick={() =>
                open.mutate(r.contractId, {
                  onSuccess: () => void message.success(t('receivables.renewals.opened')),
                  onError: (e) => onError(e),
                })
              }
            >
              {t('receivables.renewals.openDeal')}
            </Button>
          ),
      },
    ],
    [t, formatMoney, open, message, onError],
  );
  if (renewals.isError) return <ErrorAlert error={renewals.error} />;
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Typography.Text>{t('receivables.renewals.within')}</Typography.Text>
        <Segmented<number>
          value={within}
          onChange={setWithin}
          options={WINDOWS.map((n) => ({ value: n, label: t('receivables.renewals.days', { n }) }))}
        />
      </Space>
      <Table<Renewal>
        aria-label={t('receivables.renewals.title')}
        size="small"
        rowKey="contractId"
        loading={renewals.isLoading}
        columns={columns}
        dataSource={renewals.data?.items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t('receivables.renewals.empty') }}
        scroll={{ x: 1100 }}
      />
    </>
  );
}
