import { listUsers } from '@contracts/users.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { call } from '../api/http';

type UserOption = { value: string; label: string; name: string };
type UserSelectProps<V> = Omit<SelectProps<V, UserOption>, 'options' | 'showSearch' | 'loading'> & {
  /** Names for ids that may not be in the current search results (e.g. the saved selection). */
  knownUsers?: readonly { id: string; name: string }[];
};

function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Picks colleagues by name or email, searching on the server so large tenants stay fast. */
export function UserSelect<V extends string | string[] | undefined>({
  knownUsers,
  ...props
}: UserSelectProps<V>) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const users = useQuery({
    queryKey: ['users', 'select', q],
    queryFn: ({ signal }) => call(listUsers, { query: { q: q || undefined, limit: 50 }, signal }),
    placeholderData: keepPreviousData,
  });
  const seen = useRef(new Map<string, { label: string; name: string }>());
  const options = useMemo(() => {
    for (const u of knownUsers ?? []) {
      if (!seen.current.has(u.id)) seen.current.set(u.id, { label: u.name, name: u.name });
    }
    for (const u of users.data?.items ?? [])
      seen.current.set(u.id, { label: `${u.name} <${u.email}>`, name: u.name });
    const found = (users.data?.items ?? []).map((u) => u.id);
    const selected = ([] as string[]).concat(props.value ?? []);
    return [...new Set([...selected, ...found])].map((id) => {
      const known = seen.current.get(id);
      return { value: id, label: known?.label ?? id, name: known?.name ?? id };
    });
  }, [users.data, knownUsers, props.value]);
  return (
    <Select<V, UserOption>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={users.isFetching}
      options={options}
    />
  );
}
