import { CUSTOMER_SORTS, type CustomerSort, type CustomerSummary } from '@contracts/customers.contract';
import type { TableProps } from 'antd';
import { Empty, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { PageTitle } from '../../../shared/page-title';
import { type CustomerColumn, SORT_FIELDS, useCustomerColumns } from '../list/customer-columns';
import { sortFor } from '../url-filters';
import { useCustomerCount, useCustomerList } from '../use-customers';

const COLUMNS: readonly CustomerColumn[] = [
  'name',
  'healthScore',
  'owner',
  'tier',
  'lifecycleStage',
  'lastActivityAt',
];
/** Worst health first: whom to call today. */
const DEFAULT_SORT: CustomerSort = 'healthScore';
const ROW_KEY = (c: CustomerSummary) => c.id;

/** Customers at risk (health below the company's threshold) that the caller may see, lowest score first. */
export function AtRiskPage() {
  const { t, i18n } = useTranslation();
  const [sort, setSort] = useState<CustomerSort>(DEFAULT_SORT);
  const list = useCustomerList({ atRisk: 'true', sort });
  const count = useCustomerCount({ atRisk: 'true' });
  const columns = useCustomerColumns(COLUMNS, sort);
  const onChange: TableProps<CustomerSummary>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey ? SORT_FIELDS[one.columnKey as CustomerColumn] : undefined;
    setSort(field ? sortFor(CUSTOMER_SORTS, field, one?.order, DEFAULT_SORT) : DEFAULT_SORT);
  };
  const number = new Intl.NumberFormat(i18n.language);
  return (
    <>
      <PageTitle
        extra={
          count.data && (
            <Typography.Text type="secondary" aria-live="polite">
              {t(count.data.capped ? 'customers.list.countCapped' : 'customers.list.count', {
                formatted: number.format(count.data.count),
              })}
            </Typography.Text>
          )
        }
      >
        {t('retention.atRisk.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('retention.atRisk.intro')}</Typography.Paragraph>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<CustomerSummary>
        aria-label={t('retention.atRisk.table')}
        size="small"
        rowKey={ROW_KEY}
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: 900 }}
        onChange={onChange}
        showSorterTooltip={false}
        locale={{ emptyText: <Empty description={t('retention.atRisk.empty')} /> }}
      />
      <LoadMore
        hasMore={Boolean(list.hasNextPage)}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}
