import { mergeContacts, mergeCustomers } from '@contracts/record-merge.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

/**
 * Merging touches much beyond the two records (deals, activities, timelines, the pool, leads), so every
 * cached read is refreshed afterwards.
 */
function useRefreshAll() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries();
}

export function useMergeCustomers() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof mergeCustomers.body>) =>
      call(mergeCustomers, { params: { id }, body }),
    onSuccess: refresh,
  });
}

export function useMergeContacts() {
  const refresh = useRefreshAll();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof mergeContacts.body>) =>
      call(mergeContacts, { params: { id }, body }),
    onSuccess: refresh,
  });
}
