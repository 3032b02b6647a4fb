import type { PriceBookDetail } from '@contracts/catalog.contract';
import { formatMoney, minorDigits } from '@contracts/money';
import { App, Button, Divider, Flex, Input, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useErrorHandler } from '../../shared/use-error-handler';
import { amountText, parseAmount } from './catalog-money';
import { ProductSelect } from './product-select';
import { useSetPriceBookEntries } from './use-catalog';

type Row = {
  key: number;
  productId: string | null;
  label: string;
  minQuantity: string;
  price: string;
  list: string;
};

let nextKey = 0;

/** A book's prices: per product a unit price from a minimum quantity on (several rows = volume tiers). */
export function PriceBookEntriesEditor({ book, canManage }: { book: PriceBookDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const save = useSetPriceBookEntries();
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setRows(
      book.entries.map((e) => ({
        key: nextKey++,
        productId: e.productId,
        label: `${e.productCode} · ${i18n.language === 'en-US' ? e.productNameEn : e.productNameZh}`,
        minQuantity: e.minQuantity,
        price: amountText(e.unitPriceMinor, book.currency),
        list: formatMoney(e.listPriceMinor, e.listCurrency, i18n.language),
      })),
    );
  }, [book.entries, book.currency, i18n.language]);

  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = () => {
    const local: Record<string, string> = {};
    const filled = rows.filter((r) => r.productId !== null);
    const entries = filled.map((r, i) => {
      const unitPriceMinor = parseAmount(r.price, book.currency);
      if (unitPriceMinor === null) {
        local[`${i}.unitPriceMinor`] = t('catalog.products.badAmount', {
          digits: minorDigits(book.currency),
        });
      }
      return {
        productId: r.productId ?? '',
        minQuantity: r.minQuantity.trim() || '1',
        unitPriceMinor: unitPriceMinor ?? 0,
      };
    });
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    save.mutate(
      { id: book.id, body: { entries } },
      {
        onSuccess: () => void message.success(t('catalog.entries.saved')),
        onError: (error) => {
          const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
          setErrors(Object.fromEntries(fields.map((e) => [e.path.replace(/^entries\./, ''), e.detail])));
          handleError(error);
        },
      },
    );
  };

  const errorOf = (index: number, field: string) => errors[`${index}.${field}`];
  const indexOf = (row: Row) => rows.filter((r) => r.productId !== null).indexOf(row);

  return (
    <>
      <Divider titlePlacement="start">{t('catalog.entries.title')}</Divider>
      <Typography.Paragraph type="secondary">{t('catalog.entries.hint')}</Typography.Paragraph>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('catalog.entries.product'),
            render: (_, row) => (
              <>
                <ProductSelect
                  disabled={!canManage}
                  value={row.productId ?? undefined}
                  knownLabel={row.label}
                  aria-label={t('catalog.entries.product')}
                  onChange={(productId) => change(row.key, { productId, list: '' })}
                  style={{ width: '100%' }}
                />
                {errorOf(indexOf(row), 'productId') && (
                  <Typography.Text type="danger">{errorOf(indexOf(row), 'productId')}</Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('catalog.entries.minQuantity'),
            width: 120,
            render: (_, row) => (
              <>
                <Input
                  disabled={!canManage}
                  inputMode="decimal"
                  aria-label={t('catalog.entries.minQuantity')}
                  value={row.minQuantity}
                  status={errorOf(indexOf(row), 'minQuantity') ? 'error' : undefined}
                  onChange={(e) => change(row.key, { minQuantity: e.target.value })}
                />
                {errorOf(indexOf(row), 'minQuantity') && (
                  <Typography.Text type="danger">{errorOf(indexOf(row), 'minQuantity')}</Typography.Text>
                )}
              </>
            ),
          },
          {
            title: `${t('catalog.entries.unitPrice')} (${book.currency})`,
            width: 150,
            render: (_, row) => (
              <>
                <Input
                  disabled={!canManage}
                  inputMode="decimal"
                  aria-label={t('catalog.entries.unitPrice')}
                  value={row.price}
                  status={errorOf(indexOf(row), 'unitPriceMinor') ? 'error' : undefined}
                  onChange={(e) => change(row.key, { price: e.target.value })}
                />
                {errorOf(indexOf(row), 'unitPriceMinor') && (
                  <Typography.Text type="danger">{errorOf(indexOf(row), 'unitPriceMinor')}</Typography.Text>
                )}
              </>
            ),
          },
          { title: t('catalog.entries.list'), dataIndex: 'list', width: 130, align: 'right' },
          ...(canManage
            ? [
                {
                  key: 'remove',
                  width: 60,
                  render: (_: unknown, row: Row) => (
                    <Button
                      type="link"
                      danger
                      onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}
                    >
                      {t('common.delete')}
                    </Button>
                  ),
                },
              ]
            : []),
        ]}
      />
      {canManage && (
        <Flex gap={8} style={{ marginTop: 8 }}>
          <Button
            onClick={() =>
              setRows((all) => [
                ...all,
                { key: nextKey++, productId: null, label: '', minQuantity: '1', price: '', list: '' },
              ])
            }
          >
            {t('catalog.entries.add')}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={submit}>
            {t('catalog.entries.save')}
          </Button>
        </Flex>
      )}
    </>
  );
}
