import { PlusOutlined } from '@ant-design/icons';
import type { CustomerDeal } from '@contracts/customers.contract';
import type { TableColumnType } from 'antd';
import { Button, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { DealFormDrawer } from '../../deals/deal-form-drawer';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { useCustomer, useCustomerDeals } from '../use-customers';

const STATUS_COLORS: Record<string, string> = { open: 'blue', won: 'green', lost: 'red' };
const KNOWN_STATUSES = ['open', 'won', 'lost'] as const;
type KnownStatus = (typeof KNOWN_STATUSES)[number];
const isKnown = (status: string): status is KnownStatus =>
  (KNOWN_STATUSES as readonly string[]).includes(status);

/** The customer's deals (the deals module owns them), newest first. */
export function CustomerDeals({ customerId }: { customerId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const formatMoney = useFormatMoney();
  const deals = useCustomerDeals(customerId);
  const customer = useCustomer(customerId);
  const [creating, setCreating] = useState(false);
  const columns = useMemo<TableColumnType<CustomerDeal>[]>(() => {
    const empty = t('common.empty');
    return [
      {
        key: 'name',
        title: t('customers.deals.name'),
        width: 240,
        ellipsis: true,
        render: (_, d) => <Link to={`/deals/${d.id}`}>{d.name}</Link>,
      },
      {
        key: 'amount',
        title: t('customers.deals.amount'),
        align: 'end',
        width: 150,
        render: (_, d) => formatMoney(d.amountMinor, d.currency),
      },
      {
        key: 'status',
        title: t('customers.deals.status'),
        width: 100,
        render: (_, d) => (
          <Tag color={STATUS_COLORS[d.status] ?? 'default'}>
            {isKnown(d.status) ? t(`customers.deals.statusName.${d.status}`) : d.status}
          </Tag>
        ),
      },
      {
        key: 'expected',
        title: t('customers.deals.expectedClose'),
        width: 130,
        render: (_, d) => d.expectedCloseOn ?? empty,
      },
      { key: 'owner', title: t('customers.deals.owner'), width: 120, render: (_, d) => d.ownerName ?? empty },
      {
        key: 'created',
        title: t('customers.deals.created'),
        width: 170,
        render: (_, d) => formatDateTime(d.createdAt),
      },
    ];
  }, [t, formatDateTime, formatMoney]);
  if (deals.isError) return <ErrorAlert error={deals.error} />;
  return (
    <>
      {customer.data?.can.edit && (
        <Button icon={<PlusOutlined />} onClick={() => setCreating(true)} style={{ marginBottom: 12 }}>
          {t('deals.create.button')}
        </Button>
      )}
      <Table<CustomerDeal>
        aria-label={t('customers.deals.title')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={deals.data ?? []}
        loading={deals.isPending}
        pagination={false}
        scroll={{ x: 910 }}
        locale={{ emptyText: t('customers.deals.empty') }}
      />
      {deals.hasNextPage && (
        <Button type="link" loading={deals.isFetchingNextPage} onClick={() => void deals.fetchNextPage()}>
          {t('common.loadMore')}
        </Button>
      )}
      {customer.data && (
        <DealFormDrawer
          open={creating}
          customer={{ id: customer.data.id, name: customer.data.name }}
          onClose={() => setCreating(false)}
        />
      )}
    </>
  );
}
