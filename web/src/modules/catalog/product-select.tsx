import { listProducts, type Product } from '@contracts/catalog.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/http';

type ProductSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'filterOption'> & {
  /** Label of the current value when it is not among the results (e.g. an archived item). */
  knownLabel?: string;
  /** Bundles cannot go inside bundles. */
  excludeBundles?: boolean;
};

/** Picks an active product by code or name, searching on the server. */
export function ProductSelect({ knownLabel, excludeBundles, ...props }: ProductSelectProps) {
  const { i18n } = useTranslation();
  const [search, setSearch] = useState('');
  const found = useQuery({
    queryKey: ['catalog', 'product-select', search.trim()],
    queryFn: ({ signal }) =>
      call(listProducts, { query: { q: search.trim() || undefined, limit: 30 }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const nameOf = (p: Product) => (i18n.language === 'en-US' ? p.nameEn : p.nameZh);
    const items = (found.data?.items ?? []).filter((p) => !excludeBundles || p.kind !== 'bundle');
    const list = items.map((p) => ({ value: p.id, label: `${p.code} · ${nameOf(p)}` }));
    if (props.value && knownLabel && !list.some((o) => o.value === props.value)) {
      list.unshift({ value: props.value, label: knownLabel });
    }
    return list;
  }, [found.data, excludeBundles, i18n.language, props.value, knownLabel]);
  return (
    <Select<string>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
    />
  );
}
