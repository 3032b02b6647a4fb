import type { LeadSort } from '@contracts/lead-views.contract';
import { countLeads, listLeads } from '@contracts/leads.contract';
import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { call } from '../../../api/http';
import { filterQuery, type ListFilters } from './list-params';

/** Rows per request: one page fills the screen several times over, so the first paint needs one request. */
export const LEAD_PAGE_SIZE = 100;

export function useLeadList(filters: ListFilters, sort: LeadSort) {
  return useInfiniteQuery({
    queryKey: ['leads', 'list', filters, sort],
    queryFn: ({ pageParam, signal }) =>
      call(listLeads, {
        query: { ...filterQuery(filters), sort, limit: LEAD_PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

/** The header's count: its own request, so the rows never wait for it. */
export function useLeadCount(filters: ListFilters) {
  return useQuery({
    queryKey: ['leads', 'count', filters],
    queryFn: ({ signal }) => call(countLeads, { query: filterQuery(filters), signal }),
    placeholderData: keepPreviousData,
  });
}
