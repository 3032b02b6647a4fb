import { listProducts, type Product } from '@contracts/catalog.contract';
import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/http';

export type PickedProduct = Product;

/** Searches the catalogue by code or name (either language) and hands the chosen product to `onPick`. */
export function ProductPicker({
  disabled,
  onPick,
}: {
  disabled: boolean;
  onPick: (p: PickedProduct) => void;
}) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const found = useQuery({
    queryKey: ['quotes', 'product-search', q],
    queryFn: ({ signal }) => call(listProducts, { query: { q: q || undefined, limit: 20 }, signal }),
    select: (data) => data.items,
  });
  const zh = i18n.language === 'zh-CN';
  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: setQ }}
      value={null}
      disabled={disabled}
      placeholder={t('quotes.productSearch')}
      aria-label={t('quotes.productSearch')}
      style={{ width: 320 }}
      loading={found.isFetching}
      options={(found.data ?? []).map((p) => ({
        value: p.id,
        label: `${p.code} · ${zh ? p.nameZh : p.nameEn}`,
      }))}
      onChange={(id) => {
        const product = found.data?.find((p) => p.id === id);
        if (product) onPick(product);
      }}
    />
  );
}
