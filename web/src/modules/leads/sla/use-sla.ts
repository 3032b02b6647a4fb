import { listSla } from '@contracts/lead-routing.contract';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { call } from '../../../api/http';

export type SlaFilter = { teamId?: string | undefined; ownerId?: string | undefined };

/** One SLA list (breached, or due within some hours); refreshed every minute, as the sweep runs. */
export function useSlaList(state: 'breached' | 'due_soon', withinHours: number, filter: SlaFilter) {
  return useQuery({
    queryKey: ['lead-routing', 'sla', state, withinHours, filter.teamId ?? '', filter.ownerId ?? ''],
    queryFn: ({ signal }) => call(listSla, { query: { state, withinHours, limit: 200, ...filter }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}
