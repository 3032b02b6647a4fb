import {
  type ConfirmNeedsInput,
  confirmDealNeeds,
  type DealNeeds,
  getDealNeeds,
  issueDealNeedsLink,
  type NeedsInput,
  revokeDealNeedsLink,
  saveDealNeeds,
} from '@contracts/deal-needs.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/http';

/** Server state of a deal's needs analysis: the record, saving it, confirming it and its read-only link. */

export const needsKey = (dealId: string) => ['deals', 'needs', dealId] as const;

export function useDealNeeds(dealId: string) {
  return useQuery({
    queryKey: needsKey(dealId),
    queryFn: ({ signal }) => call(getDealNeeds, { params: { id: dealId }, signal }),
  });
}

/** Saving answers with the new record; the deal itself is read again (its gates count the core pain points). */
export function useSaveNeeds(dealId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NeedsInput) => call(saveDealNeeds, { params: { id: dealId }, body }),
    onSuccess: (needs: DealNeeds) => {
      client.setQueryData(needsKey(dealId), needs);
      return client.invalidateQueries({ queryKey: ['deals'], predicate: (q) => q.queryKey[1] !== 'needs' });
    },
  });
}

export function useConfirmNeeds(dealId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: ConfirmNeedsInput) => call(confirmDealNeeds, { params: { id: dealId }, body }),
    onSuccess: (answer) => {
      client.setQueryData(needsKey(dealId), answer.needs);
      return client.invalidateQueries({ queryKey: ['deals'], predicate: (q) => q.queryKey[1] !== 'needs' });
    },
  });
}

export function useRevokeNeedsLink(dealId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(revokeDealNeedsLink, { params: { id: dealId } }),
    onSuccess: () => client.invalidateQueries({ queryKey: needsKey(dealId) }),
  });
}

export function useIssueNeedsLink(dealId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: { expiresInDays?: number }) =>
      call(issueDealNeedsLink, { params: { id: dealId }, body }),
    onSuccess: () => client.invalidateQueries({ queryKey: needsKey(dealId) }),
  });
}
