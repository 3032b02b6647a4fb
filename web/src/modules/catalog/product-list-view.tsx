import {
  PRODUCT_CATEGORIES,
  PRODUCT_KINDS,
  type Product,
  type ProductKind,
} from '@contracts/catalog.contract';
import { formatMoney } from '@contracts/money';
import { Button, Flex, Input, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { LoadMore } from '../../shared/load-more';
import { bpToPercent } from './catalog-money';
import { ProductDrawer } from './product-drawer';
import { useProductList } from './use-catalog';

type Status = 'true' | 'false' | 'all';

/** The products table: search by code or name, filter by category, kind and status; a row opens its drawer. */
export function ProductListView({ canManage }: { canManage: boolean }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [category, setCategory] = useState<string | undefined>();
  const [kind, setKind] = useState<ProductKind | undefined>();
  const [active, setActive] = useState<Status>('true');
  const [open, setOpen] = useState<string | 'new' | null>(null);
  const list = useProductList({ q: q || undefined, category, kind, active, limit: 50 });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const name = (p: Product) => (i18n.language === 'en-US' ? p.nameEn : p.nameZh);
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Input.Search
          allowClear
          placeholder={t('catalog.products.search')}
          aria-label={t('catalog.products.search')}
          onSearch={(value) => setQ(value.trim())}
          style={{ width: 240 }}
        />
        <Select<string>
          allowClear
          placeholder={t('catalog.products.allCategories')}
          aria-label={t('catalog.products.category')}
          value={category}
          onChange={setCategory}
          options={PRODUCT_CATEGORIES.map((c) => ({ value: c, label: t(`catalog.categories.${c}`) }))}
          style={{ width: 160 }}
        />
        <Select<ProductKind>
          allowClear
          placeholder={t('catalog.products.allKinds')}
          aria-label={t('catalog.products.kind')}
          value={kind}
          onChange={setKind}
          options={PRODUCT_KINDS.map((k) => ({ value: k, label: t(`catalog.kinds.${k}`) }))}
          style={{ width: 140 }}
        />
        <Select<Status>
          aria-label={t('catalog.products.active')}
          value={active}
          onChange={setActive}
          options={[
            { value: 'true', label: t('catalog.status.active') },
            { value: 'false', label: t('catalog.status.archived') },
            { value: 'all', label: t('catalog.status.all') },
          ]}
          style={{ width: 120 }}
        />
        {canManage && (
          <Button type="primary" onClick={() => setOpen('new')} style={{ marginLeft: 'auto' }}>
            {t('catalog.products.new')}
          </Button>
        )}
      </Flex>
      {list.error && <ErrorAlert error={list.error} />}
      <Table<Product>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        dataSource={rows}
        pagination={false}
        onRow={(row) => ({ onClick: () => setOpen(row.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('catalog.products.code'), dataIndex: 'code', width: 140 },
          {
            title: t('catalog.products.name'),
            render: (_, p) => (
              <>
                {name(p)} {!p.active && <Tag>{t('catalog.status.archived')}</Tag>}
              </>
            ),
          },
          {
            title: t('catalog.products.kind'),
            dataIndex: 'kind',
            width: 90,
            render: (k: ProductKind) => (
              <Tag color={k === 'bundle' ? 'purple' : undefined}>{t(`catalog.kinds.${k}`)}</Tag>
            ),
          },
          {
            title: t('catalog.products.category'),
            dataIndex: 'category',
            width: 100,
            render: (c: string | null) =>
              c && (PRODUCT_CATEGORIES as readonly string[]).includes(c)
                ? t(`catalog.categories.${c as (typeof PRODUCT_CATEGORIES)[number]}`)
                : (c ?? t('common.empty')),
          },
          { title: t('catalog.products.unit'), dataIndex: 'unit', width: 90 },
          {
            title: t('catalog.products.listPrice'),
            align: 'right',
            render: (_, p) => formatMoney(p.listPriceMinor, p.currency, i18n.language),
          },
          {
            title: t('catalog.products.taxRate'),
            align: 'right',
            width: 100,
            render: (_, p) => bpToPercent(p.taxRateBp),
          },
          {
            title: t('catalog.products.margin'),
            align: 'right',
            width: 100,
            render: (_, p) => (p.marginBp === null ? t('common.empty') : `${bpToPercent(p.marginBp)} %`),
          },
        ]}
      />
      <LoadMore
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      {open !== null && (
        <ProductDrawer
          productId={open === 'new' ? null : open}
          canManage={canManage}
          onClose={() => setOpen(null)}
          onCreated={(id) => setOpen(id)}
        />
      )}
    </>
  );
}
