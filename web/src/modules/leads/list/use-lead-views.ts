import {
  createLeadView,
  deleteLeadView,
  type LeadView,
  listLeadViews,
  updateLeadView,
} from '@contracts/lead-views.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

const KEY = ['leads', 'views'] as const;

export function useLeadViews() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => call(listLeadViews, { signal }),
    select: (data) => data.items,
  });
}

function useViewMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export function useCreateLeadView() {
  return useViewMutation((body: z.input<typeof createLeadView.body>) => call(createLeadView, { body }));
}

/** The saved view replaces the cached one at once, so a next change already sends its new version. */
export function useUpdateLeadView() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateLeadView.body>) =>
      call(updateLeadView, { params: { id }, body }),
    onSuccess: (view) => {
      queryClient.setQueryData<{ items: LeadView[] }>(KEY, (data) =>
        data ? { items: data.items.map((v) => (v.id === view.id ? view : v)) } : data,
      );
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
  });
}

export function useDeleteLeadView() {
  return useViewMutation((id: string) => call(deleteLeadView, { params: { id } }));
}
