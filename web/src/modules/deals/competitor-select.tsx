import { listCompetitors } from '@contracts/deal-negotiation.contract';
import { useQuery } from '@tanstack/react-query';
import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { call } from '../../api/http';

type CompetitorSelectProps = Omit<SelectProps<string | null>, 'options' | 'loading' | 'showSearch'>;

/** Picks one of the company's active competitors (a company meets few enough to read them at once). */
export function CompetitorSelect(props: CompetitorSelectProps) {
  const competitors = useQuery({
    queryKey: ['competitors', 'select'],
    queryFn: ({ signal }) => call(listCompetitors, { query: {}, signal }),
    select: (data) => data.items.filter((c) => c.active),
  });
  return (
    <Select<string | null>
      allowClear
      {...props}
      loading={competitors.isPending}
      showSearch={{ optionFilterProp: 'label' }}
      options={(competitors.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
    />
  );
}
