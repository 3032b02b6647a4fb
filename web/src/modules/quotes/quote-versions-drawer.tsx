import type { QuoteComparison, QuoteLine } from '@contracts/quotes.contract';
import { Alert, Descriptions, Drawer, Empty, Flex, List, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { useQuoteComparison, useQuoteVersions } from './use-quotes';

type Props = {
  quoteId: string;
  currency: string;
  currentVersionNo: number;
  open: boolean;
  onClose: () => void;
};

/** The versions sent to the customer and a side-by-side comparison of any two (the draft counts too). */
export function QuoteVersionsDrawer({ quoteId, currency, currentVersionNo, open, onClose }: Props) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const versions = useQuoteVersions(quoteId, open);
  const numbers = [...new Set([...(versions.data ?? []).map((v) => v.versionNo), currentVersionNo])].sort(
    (a, b) => a - b,
  );
  const [from, setFrom] = useState<number | null>(null);
  const [to, setTo] = useState<number | null>(null);
  const a = from ?? numbers[numbers.length - 2] ?? null;
  const b = to ?? numbers[numbers.length - 1] ?? null;
  const comparison = useQuoteComparison(quoteId, a, b);
  const signed = (minor: number) => `${minor > 0 ? '+' : ''}${formatMoney(minor, currency)}`;

  return (
    <Drawer open={open} onClose={onClose} title={t('quotes.versions')} size="large">
      {versions.isError && <ErrorAlert error={versions.error} />}
      <List
        size="small"
        loading={versions.isLoading}
        dataSource={versions.data ?? []}
        locale={{ emptyText: t('quotes.noVersions') }}
        renderItem={(v) => (
          <List.Item
            extra={
              v.hasPdf ? (
                <a href={`/api/v1/quotes/${quoteId}/pdf?version=${v.versionNo}`}>{t('quotes.downloadPdf')}</a>
              ) : null
            }
          >
            <List.Item.Meta
              title={t('quotes.versionLabel', { n: v.versionNo })}
              description={t('quotes.sentAt', { at: formatDateTime(v.sentAt) })}
            />
            {formatMoney(v.totalMinor, currency)}
          </List.Item>
        )}
      />
      {numbers.length > 1 && (
        <>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            {t('quotes.compare')}
          </Typography.Title>
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            {t('quotes.compareFrom')}
            <Select<number>
              value={a ?? undefined}
              onChange={setFrom}
              style={{ width: 120 }}
              options={numbers.map((n) => ({ value: n, label: t('quotes.versionLabel', { n }) }))}
            />
            {t('quotes.compareTo')}
            <Select<number>
              value={b ?? undefined}
              onChange={setTo}
              style={{ width: 120 }}
              options={numbers.map((n) => ({ value: n, label: t('quotes.versionLabel', { n }) }))}
            />
          </Flex>
          {comparison.isError && <ErrorAlert error={comparison.error} />}
          {comparison.data && <ComparisonView data={comparison.data} currency={currency} signed={signed} />}
        </>
      )}
    </Drawer>
  );
}

function ComparisonView({
  data,
  currency,
  signed,
}: {
  data: QuoteComparison;
  currency: string;
  signed: (minor: number) => string;
}) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const nothing = data.added.length + data.removed.length + data.changed.length + data.header.length === 0;
  if (nothing) return <Empty description={t('quotes.noDifferences')} />;
  const fieldName = (f: string) => t(`quotes.field.${f}`, { defaultValue: f });
  const show = (field: string, value: string | number | null) => {
    if (value === null) return '—';
    if (typeof value === 'number' && field.endsWith('Minor')) return formatMoney(value, currency);
    if (typeof value === 'number' && field.endsWith('Bp')) return `${value / 100}%`;
    return String(value);
  };
  const lineRows = (lines: QuoteLine[], color: string, label: string) =>
    lines.map((l) => ({
      key: `${label}-${l.id}`,
      tag: <Tag color={color}>{label}</Tag>,
      name: l.name,
      detail: `${l.quantity} × ${formatMoney(l.unitPriceMinor, currency)}`,
      delta: formatMoney(l.totalMinor, currency),
    }));
  const rows = [
    ...lineRows(data.added, 'green', t('quotes.added')),
    ...lineRows(data.removed, 'red', t('quotes.removed')),
    ...data.changed.map((c) => ({
      key: `changed-${c.after.id}`,
      tag: <Tag color="gold">{t('quotes.changed')}</Tag>,
      name: c.after.name,
      detail: c.changes
        .map((ch) => `${fieldName(ch.field)}: ${show(ch.field, ch.from)} → ${show(ch.field, ch.to)}`)
        .join('; '),
      delta: signed(c.deltaMinor),
    })),
  ];
  return (
    <>
      <Table
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          { key: 'tag', dataIndex: 'tag', width: 80 },
          { key: 'name', dataIndex: 'name', title: t('quotes.item') },
          { key: 'detail', dataIndex: 'detail', title: t('quotes.changed') },
          { key: 'delta', dataIndex: 'delta', title: t('quotes.delta'), align: 'end', width: 130 },
        ]}
      />
      {data.header.length > 0 && (
        <Descriptions size="small" column={1} title={t('quotes.headerChanges')} style={{ marginTop: 12 }}>
          {data.header.map((h) => (
            <Descriptions.Item key={h.field} label={fieldName(h.field)}>
              {show(h.field, h.from)} → {show(h.field, h.to)}
            </Descriptions.Item>
          ))}
        </Descriptions>
      )}
      <Alert
        style={{ marginTop: 12 }}
        type={data.totalDeltaMinor < 0 ? 'warning' : 'info'}
        title={`${t('quotes.totalDelta')}: ${signed(data.totalDeltaMinor)}`}
      />
    </>
  );
}
