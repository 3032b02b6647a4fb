import { PlusOutlined } from '@ant-design/icons';
import {
  CUSTOMER_SORTS,
  CustomerFilter,
  type CustomerSort,
  type CustomerSummary,
} from '@contracts/customers.contract';
import type { TableProps } from 'antd';
import { App, Button, Empty, Flex, Space, Table, Typography } from 'antd';
import { type UIEvent, useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFillHeight } from '../../leads/list/use-fill-height';
import { RecordImportButtons } from '../import/record-import-buttons';
import { readFilters, readSort, sortFor, type UrlFilters, writeFilters } from '../url-filters';
import { useCustomerCount, useCustomerList } from '../use-customers';
import { CustomerBulkBar, type CustomerPicks } from './customer-bulk-bar';
import { CustomerColumnChooser, useCustomerColumnChoice } from './customer-column-chooser';
import { type CustomerColumn, SORT_FIELDS, useCustomerColumns } from './customer-columns';
import { CustomerFilterBar } from './customer-filter-bar';
import { CustomerFormDrawer } from './customer-form-drawer';

/** Start loading the next page this many pixels before the end of the loaded rows. */
const PREFETCH_PX = 800;
const DEFAULT_SORT: CustomerSort = '-createdAt';
const ROW_KEY = (c: CustomerSummary) => c.id;

/**
 * The customer list: filters in the address bar, a column chooser, bulk actions on the rows picked or on all
 * that match, and a virtual table that pages through the cursor API as the user scrolls, so a company's whole
 * customer base stays fluid.
 */
export function CustomerListPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [search, setSearch] = useSearchParams();
  const filters = useMemo(() => readFilters(search, CustomerFilter), [search]);
  const sort = useMemo(() => readSort(search, CUSTOMER_SORTS, DEFAULT_SORT), [search]);
  const go = useCallback(
    (next: UrlFilters, nextSort: CustomerSort) => setSearch(writeFilters(next, nextSort, DEFAULT_SORT)),
    [setSearch],
  );
  const list = useCustomerList({ ...filters, sort });
  const count = useCustomerCount(filters);
  const rows = list.data ?? [];
  const [columnsShown, chooseColumns] = useCustomerColumnChoice();
  const columns = useCustomerColumns(columnsShown, sort);
  const [creating, setCreating] = useState(false);
  const [selected, setSelected] = useState<string[]>([]);
  // "All matching" holds for the filters it was chosen under; other filters fall back to the rows picked.
  const filterKey = JSON.stringify(filters);
  const [allOf, setAllOf] = useState<string | null>(null);
  const matching = count.data && !count.data.capped ? count.data.count : null;
  const picks: CustomerPicks =
    allOf === filterKey && matching !== null
      ? { kind: 'filter', count: matching }
      : { kind: 'ids', ids: selected };
  const tableTop = useRef<HTMLDivElement>(null);
  const scrollY = useFillHeight(tableTop, 140, 320);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = list;
  const onScroll = useCallback(
    (e: UIEvent<HTMLDivElement>) => {
      const el = e.currentTarget;
      if (
        hasNextPage &&
        !isFetchingNextPage &&
        el.scrollHeight - el.scrollTop - el.clientHeight < PREFETCH_PX
      ) {
        void fetchNextPage();
      }
    },
    [hasNextPage, isFetchingNextPage, fetchNextPage],
  );
  const onChange: TableProps<CustomerSummary>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey ? SORT_FIELDS[one.columnKey as CustomerColumn] : undefined;
    const next = field ? sortFor(CUSTOMER_SORTS, field, one?.order, DEFAULT_SORT) : DEFAULT_SORT;
    if (next !== sort) go(filters, next);
  };
  const rowSelection = useMemo<TableProps<CustomerSummary>['rowSelection']>(
    () => ({
      selectedRowKeys: picks.kind === 'filter' ? rows.map(ROW_KEY) : selected,
      preserveSelectedRowKeys: true,
      onChange: (keys) => {
        setAllOf(null);
        setSelected(keys.map(String));
      },
      getCheckboxProps: (customer) => ({
        'aria-label': t('customers.bulk.select', { name: customer.name }),
      }),
      columnWidth: 48,
    }),
    [picks.kind, rows, selected, t],
  );
  const names = useMemo(() => {
    if (selected.length === 0) return new Map<string, string>();
    const wanted = new Set(selected);
    return new Map(rows.filter((r) => wanted.has(r.id)).map((r) => [r.id, r.name]));
  }, [rows, selected]);

  const number = new Intl.NumberFormat(i18n.language);
  const countText = count.data
    ? t(count.data.capped ? 'customers.list.countCapped' : 'customers.list.count', {
        formatted: number.format(count.data.count),
      })
    : t('customers.list.counting');
  const scrollX = useMemo(
    () => columns.reduce((sum, c) => sum + (typeof c.width === 'number' ? c.width : 120), 48),
    [columns],
  );

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Space align="baseline">
          <Typography.Title level={2} style={{ margin: 0 }}>
            {t('customers.list.title')}
          </Typography.Title>
          <Typography.Text type="secondary" aria-live="polite">
            {countText}
          </Typography.Text>
        </Space>
        <Space wrap>
          <CustomerColumnChooser value={columnsShown} onChange={chooseColumns} />
          <RecordImportButtons object="customer" filter={filters} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t('customers.list.create')}
          </Button>
        </Space>
      </Flex>
      <CustomerFilterBar value={filters} onChange={(next) => go(next, sort)} />
      <CustomerBulkBar
        picks={picks}
        filters={filters}
        matching={matching}
        names={names}
        onPickAll={() => setAllOf(filterKey)}
        onClear={() => {
          setAllOf(null);
          setSelected([]);
        }}
        onDone={(failedIds) => {
          setAllOf(null);
          setSelected(failedIds);
        }}
      />
      {list.isError && <ErrorAlert error={list.error} />}
      <div ref={tableTop} />
      <Table<CustomerSummary>
        virtual
        aria-label={t('customers.list.table')}
        size="small"
        rowKey={ROW_KEY}
        rowSelection={rowSelection}
        columns={columns}
        dataSource={rows}
        loading={list.isPending}
        pagination={false}
        scroll={{ x: scrollX, y: scrollY }}
        onChange={onChange}
        onScroll={onScroll}
        showSorterTooltip={false}
        locale={{ emptyText: <Empty description={t('customers.list.empty')} /> }}
        footer={
          list.hasNextPage || list.isFetchingNextPage
            ? () => (
                <Typography.Text type="secondary">
                  {list.isFetchingNextPage
                    ? t('customers.list.loadingMore')
                    : t('customers.list.loaded', { formatted: number.format(rows.length) })}
                </Typography.Text>
              )
            : undefined
        }
      />
      <CustomerFormDrawer
        open={creating}
        customer={null}
        onClose={() => setCreating(false)}
        onSaved={(customer) => {
          setCreating(false);
          void message.success(t('customers.list.created', { name: customer.name }));
          void navigate(`/customers/${customer.id}`);
        }}
      />
    </>
  );
}
