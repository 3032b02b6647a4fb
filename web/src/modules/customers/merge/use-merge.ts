import { mergeContacts, mergeCustomers } from '@contracts/record-merge.contract';
import { type Query, type QueryClient, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

/**
 * Merging touches much beyond the two records (deals, activities, timelines, the pool, leads), so every
 * cached read is refreshed afterwards — except the duplicate's own, which is gone: read again while the merge
 * screen still shows, it would answer 404 and replace the screen (and the success message and the way back to
 * the kept record with it). Its reads are only marked stale, so a later visit asks the server. The refresh is
 * not awaited: the page that called the merge moves on at once.
 */
function refreshAfterMerge(queryClient: QueryClient, sourceId: string): void {
  const isSource = (query: Query) => JSON.stringify(query.queryKey).includes(sourceId);
  void queryClient.invalidateQueries({ predicate: isSource, refetchType: 'none' });
  void queryClient.invalidateQueries({ predicate: (query) => !isSource(query) });
}

export function useMergeCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof mergeCustomers.body>) =>
      call(mergeCustomers, { params: { id }, body }),
    onSuccess: (_merged, { sourceId }) => refreshAfterMerge(queryClient, sourceId),
  });
}

export function useMergeContacts() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof mergeContacts.body>) =>
      call(mergeContacts, { params: { id }, body }),
    onSuccess: (_merged, { sourceId }) => refreshAfterMerge(queryClient, sourceId),
  });
}
