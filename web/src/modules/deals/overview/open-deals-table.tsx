import type { DealSummary } from '@contracts/deals.contract';
import type { TableColumnType } from 'antd';
import { Input, Space, Table } from 'antd';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { useDealList } from '../use-deals';

type OpenDealsTableProps = {
  label: string;
  /** The deal page's tab the deal name opens. */
  tab: 'needs' | 'proposals' | 'negotiation';
  /** An extra column about the deal's state in this area. */
  extra?: { title: string; render: (deal: DealSummary) => ReactNode };
};

/** The open deals the user may see (newest first, searchable), each opening a tab of its deal's page. */
export function OpenDealsTable({ label, tab, extra }: OpenDealsTableProps) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const [q, setQ] = useState<string | undefined>();
  const list = useDealList({ status: 'open', q });
  const columns = useMemo<TableColumnType<DealSummary>[]>(() => {
    const empty = t('common.empty');
    return [
      {
        key: 'name',
        title: t('deals.fields.name'),
        ellipsis: true,
        render: (_, d) => <Link to={`/deals/${d.id}?tab=${tab}`}>{d.name}</Link>,
      },
      {
        key: 'customer',
        title: t('deals.fields.customer'),
        ellipsis: true,
        render: (_, d) => d.customerName,
      },
      { key: 'stage', title: t('deals.fields.stage'), render: (_, d) => d.stageName ?? empty },
      ...(extra
        ? [{ key: 'extra', title: extra.title, render: (_: unknown, d: DealSummary) => extra.render(d) }]
        : []),
      {
        key: 'amount',
        title: t('deals.fields.amount'),
        align: 'end',
        render: (_, d) => formatMoney(d.amountMinor, d.currency),
      },
      { key: 'owner', title: t('deals.fields.owner'), render: (_, d) => d.ownerName ?? empty },
      {
        key: 'close',
        title: t('deals.fields.expectedCloseOn'),
        render: (_, d) => d.expectedCloseOn ?? empty,
      },
    ];
  }, [t, formatMoney, tab, extra]);
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        <Input.Search
          aria-label={t('deals.filters.search')}
          placeholder={t('deals.filters.search')}
          allowClear
          onSearch={(value) => setQ(value.trim() || undefined)}
          style={{ width: 260 }}
        />
      </Space>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<DealSummary>
        aria-label={label}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        locale={{ emptyText: t('deals.overview.noOpenDeals') }}
      />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}
