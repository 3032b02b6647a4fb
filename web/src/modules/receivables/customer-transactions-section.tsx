import type { CustomerTransactions } from '@contracts/receivables.contract';
import type { TableColumnType } from 'antd';
import { Descriptions, Skeleton, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { useCustomerTransactions } from './use-receivables';

type ContractRow = CustomerTransactions['contracts'][number];

const CONTRACT_STATUSES = [
  'draft',
  'in_review',
  'approved',
  'sent',
  'signed',
  'active',
  'completed',
  'terminated',
  'expired',
] as const;
const isContractStatus = (status: string): status is (typeof CONTRACT_STATUSES)[number] =>
  (CONTRACT_STATUSES as readonly string[]).includes(status);
type PaymentRow = CustomerTransactions['payments'][number];

/** The customer page's transactions: contracts, payments, what is outstanding, and the payment cycle. */
export function CustomerTransactionsSection({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const data = useCustomerTransactions(customerId);
  const contractColumns = useMemo<TableColumnType<ContractRow>[]>(
    () => [
      {
        key: 'number',
        title: t('receivables.transactions.number'),
        render: (_, c) => <Link to={`/quote-to-cash/contracts/${c.id}`}>{c.number}</Link>,
      },
      {
        key: 'title',
        title: t('receivables.transactions.contractTitle'),
        ellipsis: true,
        render: (_, c) => c.title,
      },
      {
        key: 'status',
        title: t('receivables.transactions.status'),
        render: (_, c) => (
          <Tag>
            {isContractStatus(c.status) ? t(`receivables.transactions.statusName.${c.status}`) : c.status}
          </Tag>
        ),
      },
      { key: 'signed', title: t('receivables.transactions.signedOn'), render: (_, c) => c.signedOn ?? '—' },
      {
        key: 'amount',
        title: t('receivables.transactions.amount'),
        align: 'end',
        render: (_, c) => formatMoney(c.amountMinor, c.currency),
      },
      {
        key: 'paid',
        title: t('receivables.transactions.paid'),
        align: 'end',
        render: (_, c) => formatMoney(c.paidMinor, c.currency),
      },
      {
        key: 'open',
        title: t('receivables.transactions.outstanding'),
        align: 'end',
        render: (_, c) => formatMoney(c.outstandingMinor, c.currency),
      },
    ],
    [t, formatMoney],
  );
  const paymentColumns = useMemo<TableColumnType<PaymentRow>[]>(
    () => [
      { key: 'on', title: t('receivables.payments.receivedOn'), render: (_, p) => p.receivedOn },
      { key: 'contract', title: t('receivables.transactions.number'), render: (_, p) => p.contractNumber },
      {
        key: 'amount',
        title: t('receivables.payments.amount'),
        align: 'end',
        render: (_, p) => formatMoney(p.amountMinor, p.currency),
      },
      {
        key: 'method',
        title: t('receivables.payments.method'),
        render: (_, p) => t(`receivables.payments.methodName.${p.method}`),
      },
    ],
    [t, formatMoney],
  );
  if (data.isError) return <ErrorAlert error={data.error} />;
  if (!data.data) return <Skeleton active />;
  const tr = data.data;
  return (
    <>
      {tr.totals.map((total) => (
        <Descriptions
          key={total.currency}
          size="small"
          bordered
          layout="vertical"
          column={{ xs: 2, md: 4 }}
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'contracted',
              label: t('receivables.transactions.contracted'),
              children: formatMoney(total.contractedMinor, total.currency),
            },
            {
              key: 'received',
              label: t('receivables.transactions.received'),
              children: formatMoney(total.receivedMinor, total.currency),
            },
            {
              key: 'outstanding',
              label: t('receivables.transactions.outstanding'),
              children: formatMoney(total.outstandingMinor, total.currency),
            },
            {
              key: 'overdue',
              label: t('receivables.transactions.overdue'),
              children: (
                <Typography.Text type={total.overdueMinor > 0 ? 'danger' : undefined}>
                  {formatMoney(total.overdueMinor, total.currency)}
                </Typography.Text>
              ),
            },
          ]}
        />
      ))}
      <Typography.Paragraph>
        {t('receivables.transactions.cycle')}:{' '}
        <strong>
          {tr.averagePaymentDays === null
            ? t('receivables.transactions.noCycle')
            : t('receivables.transactions.cycleDays', { days: tr.averagePaymentDays })}
        </strong>
        {tr.paymentCycleBasis && (
          <Typography.Text type="secondary">
            {' '}
            ({t(`receivables.transactions.cycleBasis.${tr.paymentCycleBasis}`)})
          </Typography.Text>
        )}
      </Typography.Paragraph>
      <Typography.Title level={5}>{t('receivables.transactions.contracts')}</Typography.Title>
      <Table<ContractRow>
        aria-label={t('receivables.transactions.contracts')}
        size="small"
        rowKey="id"
        columns={contractColumns}
        dataSource={tr.contracts}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('receivables.transactions.empty') }}
        style={{ marginBottom: 16 }}
      />
      <Typography.Title level={5}>{t('receivables.transactions.payments')}</Typography.Title>
      <Table<PaymentRow>
        aria-label={t('receivables.transactions.payments')}
        size="small"
        rowKey="id"
        columns={paymentColumns}
        dataSource={tr.payments}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('receivables.payments.empty') }}
      />
    </>
  );
}
