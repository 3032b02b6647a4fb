import { DEAL_SORTS, type DealStatus, type DealSummary } from '@contracts/deals.contract';
import { FORECAST_CATEGORIES, type ForecastCategory } from '@contracts/pipelines.contract';
import type { TableColumnType, TableProps } from 'antd';
import { Checkbox, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../../shared/error-alert';
import { LoadMore } from '../../../shared/load-more';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { DealFilterBar } from '../deal-filter-bar';
import { DealStatusTag } from '../deal-status-tag';
import { ForecastTag } from '../forecast-tag';
import { useDealFilters } from '../use-deal-filters';
import { useDealList } from '../use-deals';

type Sort = (typeof DEAL_SORTS)[number];
const SORT_FIELDS: Record<string, string> = {
  name: 'name',
  amount: 'amount',
  expectedCloseOn: 'expectedCloseOn',
  createdAt: 'createdAt',
};

function isSort(value: string): value is Sort {
  return (DEAL_SORTS as readonly string[]).includes(value);
}

/** The deals of a pipeline as a table: the shared filters plus status, stage, forecast and staleness, sorted. */
export function DealListPage() {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const { pipeline, filters, setFilters } = useDealFilters();
  const [status, setStatus] = useState<DealStatus | undefined>('open');
  const [stageId, setStageId] = useState<string | undefined>();
  const [forecast, setForecast] = useState<ForecastCategory | undefined>();
  const [stale, setStale] = useState(false);
  const [sort, setSort] = useState<Sort>('-createdAt');
  const list = useDealList({
    ...filters,
    pipelineId: pipeline?.id,
    status,
    stageId,
    forecastCategory: forecast,
    stale: stale ? 'true' : undefined,
    sort,
  });
  const columns = useMemo<TableColumnType<DealSummary>[]>(() => {
    const empty = t('common.empty');
    const sorted = (key: string) => (sort === key ? 'ascend' : sort === `-${key}` ? 'descend' : null);
    return [
      {
        key: 'name',
        title: t('deals.fields.name'),
        width: 220,
        ellipsis: true,
        sorter: true,
        sortOrder: sorted('name'),
        render: (_, d) => <Link to={`/deals/${d.id}`}>{d.name}</Link>,
      },
      {
        key: 'customer',
        title: t('deals.fields.customer'),
        width: 180,
        ellipsis: true,
        render: (_, d) => <Link to={`/customers/${d.customerId}`}>{d.customerName}</Link>,
      },
      {
        key: 'stage',
        title: t('deals.fields.stage'),
        width: 160,
        render: (_, d) => (
          <Space size={4}>
            {d.status === 'open' ? (d.stageName ?? empty) : <DealStatusTag status={d.status} />}
            {d.stale && <Tag color="orange">{t('deals.card.stale')}</Tag>}
          </Space>
        ),
      },
      {
        key: 'amount',
        title: t('deals.fields.amount'),
        align: 'end',
        width: 150,
        sorter: true,
        sortOrder: sorted('amount'),
        render: (_, d) => formatMoney(d.amountMinor, d.currency),
      },
      {
        key: 'weighted',
        title: t('deals.fields.weighted'),
        align: 'end',
        width: 150,
        render: (_, d) => formatMoney(d.weightedMinor, d.currency),
      },
      {
        key: 'probability',
        title: t('deals.fields.probability'),
        align: 'end',
        width: 90,
        render: (_, d) => (d.probability === null ? empty : `${d.probability}%`),
      },
      {
        key: 'forecast',
        title: t('deals.fields.forecast'),
        width: 120,
        render: (_, d) => <ForecastTag category={d.forecastCategory} />,
      },
      {
        key: 'expectedCloseOn',
        title: t('deals.fields.expectedCloseOn'),
        width: 130,
        sorter: true,
        sortOrder: sorted('expectedCloseOn'),
        render: (_, d) => d.expectedCloseOn ?? empty,
      },
      { key: 'owner', title: t('deals.fields.owner'), width: 130, render: (_, d) => d.ownerName ?? empty },
      {
        key: 'nextStep',
        title: t('deals.fields.nextStep'),
        width: 200,
        ellipsis: true,
        render: (_, d) => (d.nextStep ? `${d.nextStep}${d.nextStepOn ? ` (${d.nextStepOn})` : ''}` : empty),
      },
      {
        key: 'createdAt',
        title: t('deals.fields.createdAt'),
        width: 170,
        sorter: true,
        sortOrder: sorted('createdAt'),
        render: (_, d) => formatDateTime(d.createdAt),
      },
    ];
  }, [t, formatMoney, formatDateTime, sort]);
  const onChange: TableProps<DealSummary>['onChange'] = (_p, _f, sorter) => {
    const one = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = one?.columnKey ? SORT_FIELDS[String(one.columnKey)] : undefined;
    if (!field || !one?.order) return setSort('-createdAt');
    const next = one.order === 'descend' ? `-${field}` : field;
    if (isSort(next)) setSort(next);
  };
  return (
    <>
      <DealFilterBar filters={filters} onChange={setFilters} />
      <Space wrap style={{ marginBottom: 12 }}>
        <Select<DealStatus>
          aria-label={t('deals.fields.status')}
          placeholder={t('deals.fields.status')}
          allowClear
          value={status}
          onChange={setStatus}
          style={{ width: 130 }}
          options={(['open', 'won', 'lost'] as const).map((s) => ({
            value: s,
            label: t(`deals.status.${s}`),
          }))}
        />
        <Select<string>
          aria-label={t('deals.fields.stage')}
          placeholder={t('deals.fields.stage')}
          allowClear
          value={stageId}
          onChange={setStageId}
          style={{ width: 180 }}
          options={(pipeline?.stages ?? []).map((s) => ({ value: s.id, label: s.name }))}
        />
        <Select<ForecastCategory>
          aria-label={t('deals.fields.forecast')}
          placeholder={t('deals.fields.forecast')}
          allowClear
          value={forecast}
          onChange={setForecast}
          style={{ width: 150 }}
          options={FORECAST_CATEGORIES.map((c) => ({ value: c, label: t(`deals.forecast.${c}`) }))}
        />
        <Checkbox checked={stale} onChange={(e) => setStale(e.target.checked)}>
          {t('deals.list.staleOnly')}
        </Checkbox>
      </Space>
      {list.isError && <ErrorAlert error={list.error} />}
      <Table<DealSummary>
        aria-label={t('deals.list.table')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={list.data ?? []}
        loading={list.isPending}
        pagination={false}
        onChange={onChange}
        scroll={{ x: 1700 }}
        locale={{ emptyText: t('deals.list.empty') }}
      />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
    </>
  );
}
