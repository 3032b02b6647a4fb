import { getCampaign, listCampaigns } from '@contracts/marketing.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useState } from 'react';
import { call } from '../../../api/http';
import { useDebounced } from './use-lead-intake';

type CampaignSelectProps = Omit<SelectProps<string | null>, 'options' | 'showSearch' | 'loading'>;

/** Picks a campaign by name, searching on the server; the chosen one is named even when not in the results. */
export function CampaignSelect(props: CampaignSelectProps) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 250);
  const campaigns = useQuery({
    queryKey: ['campaigns', 'select', q],
    queryFn: ({ signal }) =>
      call(listCampaigns, { query: { q: q || undefined, limit: 50, sort: 'name' }, signal }),
    placeholderData: keepPreviousData,
  });
  const found = (campaigns.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  const value = props.value ?? null;
  const missing = value !== null && !found.some((o) => o.value === value);
  const chosen = useQuery({
    queryKey: ['campaigns', 'one', value],
    queryFn: ({ signal }) => call(getCampaign, { params: { id: value ?? '' }, signal }),
    enabled: missing && !campaigns.isPending,
  });
  const options = missing ? [{ value, label: chosen.data?.name ?? value }, ...found] : found;
  return (
    <Select<string | null>
      {...props}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={campaigns.isFetching}
      options={options}
    />
  );
}
