import {
  convertLead,
  deleteLead,
  getLead,
  type Lead,
  leadTimeline,
  logLeadActivity,
  mergeLeads,
  updateLead,
} from '@contracts/leads.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

export const leadKey = (id: string) => ['leads', 'detail', id] as const;
const timelineKey = (id: string) => ['leads', 'timeline', id] as const;

export function useLead(id: string) {
  return useQuery({
    queryKey: leadKey(id),
    queryFn: ({ signal }) => call(getLead, { params: { id }, signal }),
  });
}

export type TimelineType = 'activity' | 'event' | 'change';

export function useLeadTimeline(id: string, types: readonly TimelineType[]) {
  return useInfiniteQuery({
    queryKey: [...timelineKey(id), types],
    queryFn: ({ pageParam, signal }) =>
      call(leadTimeline, {
        params: { id },
        query: { limit: 30, before: pageParam, types: types.length > 0 ? types.join(',') : undefined },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

/** After a change to one lead: show its new state at once, and let lists, counts and its timeline reload. */
function useLeadChanged() {
  const queryClient = useQueryClient();
  return (lead: Lead) => {
    queryClient.setQueryData(leadKey(lead.id), lead);
    return queryClient.invalidateQueries({
      predicate: (q) =>
        q.queryKey[0] === 'leads' && !(q.queryKey[1] === 'detail' && q.queryKey[2] === lead.id),
    });
  };
}

export function useUpdateLead() {
  const changed = useLeadChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateLead.body>) =>
      call(updateLead, { params: { id }, body }),
    onSuccess: changed,
  });
}

export function useDeleteLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(deleteLead, { params: { id } }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: leadKey(id) });
      return queryClient.invalidateQueries({ queryKey: ['leads'] });
    },
  });
}

/** Logging contact may move the lead (status, SLA), so the lead is read again with its timeline. */
export function useLogActivity(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof logLeadActivity.body>) =>
      call(logLeadActivity, { params: { id }, body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['leads'] }),
  });
}

/**
 * The lead merged away no longer exists: everything is only marked stale (nothing refetches while this
 * screen still shows both leads), and the screen moves on to the lead that stays.
 */
export function useMergeLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof mergeLeads.body>) =>
      call(mergeLeads, { params: { id }, body }),
    onSuccess: (lead) => {
      queryClient.setQueryData(leadKey(lead.id), lead);
      return queryClient.invalidateQueries({
        predicate: (q) =>
          q.queryKey[0] === 'leads' && !(q.queryKey[1] === 'detail' && q.queryKey[2] === lead.id),
        refetchType: 'none',
      });
    },
  });
}

export function useConvertLead() {
  const changed = useLeadChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof convertLead.body>) =>
      call(convertLead, { params: { id }, body }),
    onSuccess: (result) => changed(result.lead),
  });
}
