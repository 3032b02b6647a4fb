import { listDeals } from '@contracts/deals.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/http';
import { useDebounced } from '../leads/list/use-lead-intake';

type DealSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch' | 'loading'> & {
  /** The selected deal's label, for when it is not among the search results. */
  knownName?: string | null;
};

/** Picks a deal the user can see by its name (searched on the server), shown with its customer. */
export function DealSelect({ knownName, ...props }: DealSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['deals', 'select', q],
    queryFn: ({ signal }) => call(listDeals, { query: { q: q || undefined, limit: 20 }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const list = (found.data?.items ?? []).map((d) => ({
      value: d.id,
      label: `${d.name} · ${d.customerName}`,
    }));
    if (props.value && knownName && !list.some((o) => o.value === props.value)) {
      list.unshift({ value: props.value, label: knownName });
    }
    return list;
  }, [found.data, props.value, knownName]);
  return (
    <Select<string>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
    />
  );
}
