import type { ProductDetail } from '@contracts/catalog.contract';
import { App, Button, Checkbox, Divider, Flex, Input, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/api-error';
import { useErrorHandler } from '../../shared/use-error-handler';
import { ProductSelect } from './product-select';
import { useSetBundleItems } from './use-catalog';

type Row = { key: number; itemId: string | null; label: string; quantity: string; optional: boolean };

let nextKey = 0;

/** The parts and options of a bundle: products and services (never bundles), each with a quantity. */
export function BundleItemsEditor({ bundle, canManage }: { bundle: ProductDetail; canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const handleError = useErrorHandler();
  const save = useSetBundleItems();
  const [rows, setRows] = useState<Row[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});

  useEffect(() => {
    setRows(
      bundle.items.map((item) => ({
        key: nextKey++,
        itemId: item.itemId,
        label: `${item.code} · ${i18n.language === 'en-US' ? item.nameEn : item.nameZh}`,
        quantity: item.quantity,
        optional: item.optional,
      })),
    );
  }, [bundle.items, i18n.language]);

  const change = (key: number, patch: Partial<Row>) =>
    setRows((all) => all.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  const submit = () => {
    setErrors({});
    save.mutate(
      {
        id: bundle.id,
        body: {
          items: rows
            .filter((r) => r.itemId !== null)
            .map((r) => ({
              itemId: r.itemId ?? '',
              quantity: r.quantity.trim() || '1',
              optional: r.optional,
            })),
        },
      },
      {
        onSuccess: () => void message.success(t('catalog.bundle.saved')),
        onError: (error) => {
          // Field errors name the row ("items.2.itemId"): show each under its row.
          const fields = error instanceof ApiError ? (error.problem?.errors ?? []) : [];
          setErrors(Object.fromEntries(fields.map((e) => [e.path.split('.')[1] ?? '', e.detail])));
          handleError(error);
        },
      },
    );
  };

  return (
    <>
      <Divider titlePlacement="start">{t('catalog.bundle.title')}</Divider>
      <Typography.Paragraph type="secondary">{t('catalog.bundle.hint')}</Typography.Paragraph>
      <Table<Row>
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={rows}
        columns={[
          {
            title: t('catalog.bundle.item'),
            render: (_, row, index) => (
              <>
                <ProductSelect
                  excludeBundles
                  disabled={!canManage}
                  value={row.itemId ?? undefined}
                  knownLabel={row.label}
                  aria-label={t('catalog.bundle.item')}
                  onChange={(itemId) => change(row.key, { itemId })}
                  style={{ width: '100%' }}
                  status={errors[String(index)] ? 'error' : undefined}
                />
                {errors[String(index)] && (
                  <Typography.Text type="danger">{errors[String(index)]}</Typography.Text>
                )}
              </>
            ),
          },
          {
            title: t('catalog.bundle.quantity'),
            width: 110,
            render: (_, row) => (
              <Input
                disabled={!canManage}
                inputMode="decimal"
                aria-label={t('catalog.bundle.quantity')}
                value={row.quantity}
                onChange={(e) => change(row.key, { quantity: e.target.value })}
              />
            ),
          },
          {
            title: t('catalog.bundle.optional'),
            width: 80,
            render: (_, row) => (
              <Checkbox
                disabled={!canManage}
                aria-label={t('catalog.bundle.optional')}
                checked={row.optional}
                onChange={(e) => change(row.key, { optional: e.target.checked })}
              />
            ),
          },
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
                { key: nextKey++, itemId: null, label: '', quantity: '1', optional: false },
              ])
            }
          >
            {t('catalog.bundle.add')}
          </Button>
          <Button type="primary" loading={save.isPending} onClick={submit}>
            {t('catalog.bundle.save')}
          </Button>
        </Flex>
      )}
    </>
  );
}
