import { listCustomers } from '@contracts/customers.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useMemo, useState } from 'react';
import { call } from '../../api/http';
import { useDebounced } from '../leads/list/use-lead-intake';

type CustomerSelectProps = Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'> & {
  /** The selected customer's name, for when it is not among the search results. */
  knownName?: string | null;
  /** A customer that may not be picked (the one being edited). */
  excludeId?: string;
};

/** Picks a customer the user can see by name, searching on the server. */
export function CustomerSelect({ knownName, excludeId, ...props }: CustomerSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const found = useQuery({
    queryKey: ['customers', 'select', q],
    queryFn: ({ signal }) =>
      call(listCustomers, { query: { q: q || undefined, limit: 20, sort: 'name' }, signal }),
    placeholderData: keepPreviousData,
  });
  const options = useMemo(() => {
    const items = (found.data?.items ?? []).filter((c) => c.id !== excludeId);
    const list = items.map((c) => ({ value: c.id, label: c.name }));
    if (props.value && knownName && !list.some((o) => o.value === props.value)) {
      list.unshift({ value: props.value, label: knownName });
    }
    return list;
  }, [found.data, excludeId, props.value, knownName]);
  return (
    <Select<string | null>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={found.isFetching}
      options={options}
    />
  );
}
