import { AGEING_BUCKETS, type Ageing, type OverdueInstalment } from '@contracts/receivables.contract';
import type { TableColumnType } from 'antd';
import { Alert, Card, Col, Empty, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { useAgeing } from './use-receivables';

type CustomerRow = Ageing['customers'][number];

const BUCKET_COLORS: Record<(typeof AGEING_BUCKETS)[number], string> = {
  notDue: '#52c41a',
  d0_30: '#faad14',
  d31_60: '#fa8c16',
  d61_90: '#f5222d',
  d90plus: '#a8071a',
};

/**
 * /quote-to-cash/receivables: the ageing as cards per currency (and all of them in the company's currency when
 * there is more than one or another one), per customer, and the overdue instalments.
 */
export function ReceivablesPage() {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const ageing = useAgeing();
  const customerColumns = useMemo<TableColumnType<CustomerRow>[]>(
    () => [
      {
        key: 'customer',
        title: t('receivables.ageing.customer'),
        ellipsis: true,
        render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
      },
      ...AGEING_BUCKETS.map((bucket) => ({
        key: bucket,
        title: t(`receivables.ageing.${bucket}`),
        align: 'end' as const,
        render: (_: unknown, r: CustomerRow) => (r[bucket] > 0 ? formatMoney(r[bucket], r.currency) : '—'),
      })),
      {
        key: 'total',
        title: t('receivables.ageing.total'),
        align: 'end',
        render: (_, r) => <strong>{formatMoney(r.total, r.currency)}</strong>,
      },
    ],
    [t, formatMoney],
  );
  const overdueColumns = useMemo<TableColumnType<OverdueInstalment>[]>(
    () => [
      {
        key: 'contract',
        title: t('receivables.overdue.contract'),
        render: (_, r) => <Link to={`/quote-to-cash/contracts/${r.contractId}`}>{r.contractNumber}</Link>,
      },
      {
        key: 'customer',
        title: t('receivables.overdue.customer'),
        ellipsis: true,
        render: (_, r) => <Link to={`/customers/${r.customerId}`}>{r.customerName}</Link>,
      },
      { key: 'title', title: t('receivables.overdue.instalment'), render: (_, r) => r.title || '—' },
      { key: 'due', title: t('receivables.overdue.dueOn'), render: (_, r) => r.dueOn },
      {
        key: 'days',
        title: t('receivables.overdue.days'),
        align: 'end',
        render: (_, r) => <Tag color={r.daysOverdue > 15 ? 'red' : 'orange'}>{r.daysOverdue}</Tag>,
      },
      {
        key: 'open',
        title: t('receivables.overdue.open'),
        align: 'end',
        render: (_, r) => formatMoney(r.openMinor, r.currency),
      },
      { key: 'owner', title: t('receivables.overdue.owner'), render: (_, r) => r.ownerName ?? '—' },
    ],
    [t, formatMoney],
  );
  if (ageing.isError) return <ErrorAlert error={ageing.error} />;
  if (!ageing.data) return <Skeleton active />;
  const data = ageing.data;
  const home = data.inCompanyCurrency;
  const showHome = data.totals.length > 1 || data.totals.some((x) => x.currency !== home.currency);
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('receivables.ageing.asOf', { date: data.asOf })}
      </Typography.Paragraph>
      {data.totals.length === 0 && <Empty description={t('receivables.ageing.empty')} />}
      {data.totals.map((total) => (
        <Row gutter={[12, 12]} key={total.currency} style={{ marginBottom: 16 }}>
          {AGEING_BUCKETS.map((bucket) => (
            <Col key={bucket} xs={12} md={8} xl={4}>
              <Card size="small" style={{ borderTop: `3px solid ${BUCKET_COLORS[bucket]}` }}>
                <Statistic
                  title={`${t(`receivables.ageing.${bucket}`)} · ${total.currency}`}
                  value={formatMoney(total[bucket], total.currency)}
                />
              </Card>
            </Col>
          ))}
          <Col xs={12} md={8} xl={4}>
            <Card size="small">
              <Statistic
                title={`${t('receivables.ageing.total')} · ${total.currency}`}
                value={formatMoney(total.total, total.currency)}
              />
            </Card>
          </Col>
        </Row>
      ))}
      {showHome && (
        <Card
          size="small"
          title={t('receivables.ageing.inCompanyCurrency', { currency: home.currency, date: data.asOf })}
          style={{ marginBottom: 16 }}
        >
          <Row gutter={[12, 12]}>
            <Col xs={12} md={8}>
              <Statistic
                title={t('receivables.ageing.companyOverdue')}
                value={formatMoney(home.overdue, home.currency)}
              />
            </Col>
            <Col xs={12} md={8}>
              <Statistic
                title={t('receivables.ageing.companyTotal')}
                value={formatMoney(home.total, home.currency)}
              />
            </Col>
          </Row>
          {home.missingRates.length > 0 && (
            <Alert
              type="warning"
              showIcon
              style={{ marginTop: 12 }}
              title={t('receivables.ageing.missingRates', { currencies: home.missingRates.join(', ') })}
            />
          )}
        </Card>
      )}
      <Typography.Title level={4}>{t('receivables.overdue.title')}</Typography.Title>
      <Table<OverdueInstalment>
        aria-label={t('receivables.overdue.title')}
        size="small"
        rowKey="instalmentId"
        columns={overdueColumns}
        dataSource={data.overdue}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('receivables.overdue.empty') }}
        style={{ marginBottom: 24 }}
      />
      <Typography.Title level={4}>{t('receivables.ageing.byCustomer')}</Typography.Title>
      <Table<CustomerRow>
        aria-label={t('receivables.ageing.byCustomer')}
        size="small"
        rowKey={(r) => `${r.customerId}:${r.currency}`}
        columns={customerColumns}
        dataSource={data.customers}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        scroll={{ x: 900 }}
      />
    </>
  );
}
