import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { isQuantity } from '@contracts/money';
import type { QuoteMath } from '@contracts/quote-math';
import type { PriceSource, QuoteLine } from '@contracts/quotes.contract';
import type { TableColumnType } from 'antd';
import { Button, Flex, Input, InputNumber, Table, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { MinorAmountInput } from '../deals/proposals/minor-amount-input';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { ProductPicker } from './product-picker';

/**
 * The lines of a quote being edited: every figure (net, tax, total) is recomputed with the same quote-math the
 * server stores, on each keystroke, so what the rep sees is what the customer will get.
 */

export type DraftLine = {
  key: string;
  productId: string | null;
  code: string | null;
  name: string;
  description: string;
  unit: string;
  quantity: string;
  /** null: the catalogue's price, resolved by the server on save. */
  unitPriceMinor: number | null;
  discountBp: number;
  taxRateBp: number;
  listPriceMinor: number | null;
  unitCostMinor: number | null;
  priceSource: PriceSource | null;
};

export function draftOf(line: QuoteLine): DraftLine {
  return {
    key: line.id,
    productId: line.productId,
    code: line.code,
    name: line.name,
    description: line.description,
    unit: line.unit,
    quantity: line.quantity,
    unitPriceMinor: line.unitPriceMinor,
    discountBp: line.discountBp,
    taxRateBp: line.taxRateBp,
    listPriceMinor: line.listPriceMinor,
    unitCostMinor: line.unitCostMinor,
    priceSource: line.priceSource,
  };
}

/** A quantity the math can use (an unfinished one counts as 0 until it is valid). */
export const mathQuantity = (q: string) => (isQuantity(q) ? q : '0');

type Props = {
  currency: string;
  /** The quote's language: a picked product's name in it. */
  locale: string;
  lines: DraftLine[];
  math: QuoteMath | null;
  disabled: boolean;
  onChange: (lines: DraftLine[]) => void;
};

const bpToPercent = (bp: number) => bp / 100;
const percentToBp = (p: number | null) => Math.round((p ?? 0) * 100);

export function QuoteLinesEditor({ currency, locale, lines, math, disabled, onChange }: Props) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const update = (index: number, patch: Partial<DraftLine>) =>
    onChange(lines.map((l, i) => (i === index ? { ...l, ...patch } : l)));

  const explain = (line: DraftLine): string => {
    const s = line.priceSource;
    if (!s) return t('quotes.priceSource.none');
    const converted = s.convertedFrom
      ? ` · ${t('quotes.priceSource.converted', { amount: formatMoney(s.convertedFrom.amountMinor, s.convertedFrom.currency) })}`
      : '';
    if (s.kind === 'manual') {
      return t('quotes.priceSource.manual', { price: formatMoney(s.catalogPriceMinor, currency) });
    }
    if (s.kind === 'price_book') {
      return s.minQuantity && s.minQuantity !== '1'
        ? t('quotes.priceSource.tier', { name: s.priceBookName ?? '', qty: s.minQuantity })
        : t('quotes.priceSource.price_book', { name: s.priceBookName ?? '' });
    }
    return `${t('quotes.priceSource.list')}${converted}`;
  };

  const columns: TableColumnType<DraftLine>[] = [
    {
      key: 'name',
      title: t('quotes.item'),
      width: 240,
      render: (_, line, i) => (
        <>
          <Input
            value={line.name}
            disabled={disabled}
            aria-label={t('quotes.item')}
            onChange={(e) => update(i, { name: e.target.value })}
          />
          {line.code && <Typography.Text type="secondary">{line.code}</Typography.Text>}
        </>
      ),
    },
    {
      key: 'quantity',
      title: t('quotes.quantity'),
      width: 110,
      render: (_, line, i) => (
        <Input
          value={line.quantity}
          disabled={disabled}
          status={isQuantity(line.quantity) ? undefined : 'error'}
          aria-label={t('quotes.quantity')}
          suffix={line.unit || undefined}
          onChange={(e) => update(i, { quantity: e.target.value.trim() })}
        />
      ),
    },
    {
      key: 'price',
      title: t('quotes.unitPrice'),
      width: 150,
      render: (_, line, i) => (
        <Tooltip title={explain(line)}>
          <span>
            <MinorAmountInput
              value={line.unitPriceMinor ?? line.listPriceMinor ?? 0}
              currency={currency}
              disabled={disabled}
              aria-label={t('quotes.unitPrice')}
              onChange={(minor) => update(i, { unitPriceMinor: minor })}
            />
          </span>
        </Tooltip>
      ),
    },
    {
      key: 'discount',
      title: t('quotes.lineDiscount'),
      width: 90,
      render: (_, line, i) => (
        <InputNumber<number>
          min={0}
          max={100}
          precision={2}
          value={bpToPercent(line.discountBp)}
          disabled={disabled}
          aria-label={t('quotes.lineDiscount')}
          onChange={(p) => update(i, { discountBp: percentToBp(p) })}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      key: 'tax',
      title: t('quotes.taxRate'),
      width: 80,
      render: (_, line, i) => (
        <InputNumber<number>
          min={0}
          max={100}
          precision={2}
          value={bpToPercent(line.taxRateBp)}
          disabled={disabled}
          aria-label={t('quotes.taxRate')}
          onChange={(p) => update(i, { taxRateBp: percentToBp(p) })}
          style={{ width: '100%' }}
        />
      ),
    },
    {
      key: 'net',
      title: t('quotes.net'),
      align: 'end',
      width: 120,
      render: (_, _line, i) => formatMoney(math?.lines[i]?.netMinor ?? null, currency),
    },
    {
      key: 'taxAmount',
      title: t('quotes.tax'),
      align: 'end',
      width: 110,
      render: (_, _line, i) => formatMoney(math?.lines[i]?.taxMinor ?? null, currency),
    },
    {
      key: 'total',
      title: t('quotes.lineTotal'),
      align: 'end',
      width: 130,
      render: (_, _line, i) => <strong>{formatMoney(math?.lines[i]?.totalMinor ?? null, currency)}</strong>,
    },
    {
      key: 'remove',
      width: 48,
      render: (_, _line, i) => (
        <Button
          type="text"
          danger
          icon={<DeleteOutlined />}
          disabled={disabled}
          aria-label={t('quotes.remove')}
          onClick={() => onChange(lines.filter((_l, j) => j !== i))}
        />
      ),
    },
  ];

  return (
    <>
      <Table<DraftLine>
        rowKey="key"
        size="small"
        columns={columns}
        dataSource={lines}
        pagination={false}
        scroll={{ x: 1080 }}
      />
      <Flex gap={8} wrap style={{ marginTop: 8 }}>
        <ProductPicker
          disabled={disabled}
          onPick={(p) =>
            onChange([
              ...lines,
              {
                key: `new-${Date.now()}-${lines.length}`,
                productId: p.id,
                code: p.code,
                name: locale === 'en-US' ? p.nameEn : p.nameZh,
                description: '',
                unit: p.unit,
                quantity: '1',
                // The server prices it for the customer, quantity and day on save.
                unitPriceMinor: null,
                discountBp: 0,
                taxRateBp: p.taxRateBp,
                listPriceMinor: p.currency === currency ? p.listPriceMinor : null,
                unitCostMinor: p.currency === currency ? p.costMinor : null,
                priceSource: null,
              },
            ])
          }
        />
        <Button
          icon={<PlusOutlined />}
          disabled={disabled}
          onClick={() =>
            onChange([
              ...lines,
              {
                key: `new-${Date.now()}-${lines.length}`,
                productId: null,
                code: null,
                name: '',
                description: '',
                unit: '',
                quantity: '1',
                unitPriceMinor: 0,
                discountBp: 0,
                taxRateBp: 0,
                listPriceMinor: null,
                unitCostMinor: null,
                priceSource: null,
              },
            ])
          }
        >
          {t('quotes.addLine')}
        </Button>
      </Flex>
    </>
  );
}
