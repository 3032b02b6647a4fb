import { SettingOutlined } from '@ant-design/icons';
import { QUOTE_STATUSES, type QuoteStatus, type QuoteSummary } from '@contracts/quotes.contract';
import type { TableColumnType } from 'antd';
import { Button, Flex, Input, Select, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { QuoteStatusTag } from './quote-status-tag';
import { type QuoteListQuery, useQuoteList } from './use-quotes';

/**
 * The quotes the user may see (through their deals), filtered by status and text, the newest first, with the
 * filtered list's total in the company currency.
 */
export function QuoteListPage({ dealId }: { dealId?: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const [status, setStatus] = useState<QuoteStatus | undefined>(undefined);
  const [q, setQ] = useState('');
  const query: QuoteListQuery = { status, q: q || undefined, dealId, limit: 50 };
  const list = useQuoteList(query);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  // Every page carries the same totals (of the whole filtered list); the first one's will do.
  const totals = list.data?.pages[0]?.totals;
  const columns = useMemo<TableColumnType<QuoteSummary>[]>(
    () => [
      {
        key: 'number',
        title: t('quotes.number'),
        width: 150,
        render: (_, r) => <Link to={`/quote-to-cash/quotes/${r.id}`}>{r.number}</Link>,
      },
      { key: 'title', title: t('quotes.quoteTitle'), dataIndex: 'title', ellipsis: true },
      ...(dealId
        ? []
        : [
            { key: 'customer', title: t('quotes.customer'), dataIndex: 'customerName', ellipsis: true },
            {
              key: 'deal',
              title: t('quotes.deal'),
              ellipsis: true,
              render: (_: unknown, r: QuoteSummary) => <Link to={`/deals/${r.dealId}`}>{r.dealName}</Link>,
            },
          ]),
      {
        key: 'status',
        title: t('quotes.status'),
        width: 120,
        render: (_, r) => <QuoteStatusTag status={r.status} />,
      },
      {
        key: 'version',
        title: '#',
        width: 70,
        render: (_, r) => t('quotes.versionLabel', { n: r.currentVersionNo }),
      },
      {
        key: 'total',
        title: t('quotes.total'),
        align: 'end',
        width: 150,
        render: (_, r) => formatMoney(r.totalMinor, r.currency),
      },
      { key: 'validUntil', title: t('quotes.validUntil'), dataIndex: 'validUntil', width: 120 },
      { key: 'views', title: t('quotes.views'), dataIndex: 'viewCount', width: 90, align: 'end' },
      { key: 'owner', title: t('quotes.owner'), dataIndex: 'ownerName', width: 120, ellipsis: true },
    ],
    [t, formatMoney, dealId],
  );
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('quotes.search')}
          style={{ width: 240 }}
          onSearch={(value) => setQ(value.trim())}
        />
        <Select<QuoteStatus>
          allowClear
          placeholder={t('quotes.anyStatus')}
          style={{ width: 180 }}
          value={status}
          onChange={setStatus}
          options={QUOTE_STATUSES.map((s) => ({ value: s, label: t(`quotes.statusName.${s}`) }))}
        />
        {!dealId && (
          <Link to="/quote-to-cash/quotes/settings" style={{ marginInlineStart: 'auto' }}>
            <Button icon={<SettingOutlined />}>{t('quotes.settings.title')}</Button>
          </Link>
        )}
      </Flex>
      {list.isError && <ErrorAlert error={list.error} />}
      {totals && totals.count > 0 && (
        <Typography.Paragraph type="secondary">
          {t('quotes.listTotal', {
            count: totals.count,
            total: formatMoney(totals.totalMinor, totals.currency),
          })}
          {totals.missingRates.length > 0 &&
            ` · ${t('quotes.listMissingRates', { currencies: totals.missingRates.join(', ') })}`}
        </Typography.Paragraph>
      )}
      <Table<QuoteSummary>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('quotes.empty') }}
        pagination={false}
        scroll={{ x: 900 }}
      />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => list.fetchNextPage()}
      />
    </>
  );
}
