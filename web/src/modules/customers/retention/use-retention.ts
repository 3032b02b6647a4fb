import {
  type CustomerRetention,
  checkLifecycleAction,
  churnCustomer,
  getCustomerRetention,
  getRetentionSettings,
  overrideLifecycle,
  reactivateCustomer,
  recomputeRetention,
  refreshCustomerRetention,
  updateRetentionSettings,
} from '@contracts/retention.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

/** Server state of customer retention: a customer's tier, lifecycle and health, churn, and the company's rules. */

const retentionKey = (id: string) => ['customers', 'retention', id] as const;
const SETTINGS_KEY = ['retentionSettings'] as const;

export function useRetention(customerId: string) {
  return useQuery({
    queryKey: retentionKey(customerId),
    queryFn: ({ signal }) => call(getCustomerRetention, { params: { id: customerId }, signal }),
  });
}

/**
 * A write that answers with the customer's new retention: shown at once, then the rest of the customers area
 * reads again, since the tier, stage and health also sit on the customer and in the lists.
 */
function useRetentionWrite<I>(customerId: string, write: (input: I) => Promise<CustomerRetention>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: write,
    onSuccess: (retention) => {
      client.setQueryData(retentionKey(customerId), retention);
      return client.invalidateQueries({
        queryKey: ['customers'],
        predicate: (q) => !(q.queryKey[1] === 'retention' && q.queryKey[2] === customerId),
      });
    },
  });
}

export function useRefreshRetention(customerId: string) {
  return useRetentionWrite(customerId, () => call(refreshCustomerRetention, { params: { id: customerId } }));
}

export function useOverrideLifecycle(customerId: string) {
  return useRetentionWrite(customerId, (body: z.input<typeof overrideLifecycle.body>) =>
    call(overrideLifecycle, { params: { id: customerId }, body }),
  );
}

export function useCheckLifecycleAction(customerId: string) {
  return useRetentionWrite(customerId, (body: z.input<typeof checkLifecycleAction.body>) =>
    call(checkLifecycleAction, { params: { id: customerId }, body }),
  );
}

export function useChurnCustomer(customerId: string) {
  return useRetentionWrite(customerId, (body: z.input<typeof churnCustomer.body>) =>
    call(churnCustomer, { params: { id: customerId }, body }),
  );
}

export function useReactivateCustomer(customerId: string) {
  return useRetentionWrite(customerId, (body: z.input<typeof reactivateCustomer.body>) =>
    call(reactivateCustomer, { params: { id: customerId }, body }),
  );
}

export function useRetentionSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => call(getRetentionSettings, { signal }),
  });
}

export function useSaveRetentionSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof updateRetentionSettings.body>) =>
      call(updateRetentionSettings, { body }),
    onSuccess: (saved) => client.setQueryData(SETTINGS_KEY, saved),
  });
}

export function useRecomputeAll() {
  return useMutation({ mutationFn: () => call(recomputeRetention, {}) });
}
