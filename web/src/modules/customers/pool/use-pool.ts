import {
  claimCustomer,
  getCustomerPoolSettings,
  listPool,
  listPoolHistory,
  releaseCustomer,
  updateCustomerPoolSettings,
} from '@contracts/customer-pool.contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

/** Server state of the public pool: the list with the caller's quota, claims, releases, history, rules. */

export type PoolQuery = Partial<z.input<typeof listPool.query>>;

export function usePool(query: PoolQuery) {
  return useQuery({
    queryKey: ['customers', 'pool', query],
    queryFn: ({ signal }) => call(listPool, { query: { ...query, limit: 200 }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useClaimCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(claimCustomer, { params: { id } }),
    // A lost race or the limit also changes what the pool shows: refresh either way.
    onSettled: () => client.invalidateQueries({ queryKey: ['customers'] }),
  });
}

export function useReleaseCustomer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      call(releaseCustomer, { params: { id }, body: { reason } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['customers'] }),
  });
}

export function usePoolHistory(customerId: string) {
  return useQuery({
    queryKey: ['customers', 'poolHistory', customerId],
    queryFn: ({ signal }) => call(listPoolHistory, { params: { id: customerId }, signal }),
    select: (data) => data.items,
  });
}

export function usePoolSettings() {
  return useQuery({
    queryKey: ['customerPoolSettings'],
    queryFn: ({ signal }) => call(getCustomerPoolSettings, { signal }),
  });
}

export function useSavePoolSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof updateCustomerPoolSettings.body>) =>
      call(updateCustomerPoolSettings, { body }),
    onSuccess: (saved) => client.setQueryData(['customerPoolSettings'], saved),
  });
}
