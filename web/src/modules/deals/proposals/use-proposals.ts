import {
  addProposalFeedback,
  attachProposalMaterial,
  compareProposals,
  createProposal,
  detachProposalMaterial,
  getProposal,
  listProposalReviewers,
  listProposals,
  presentProposal,
  reviewProposal,
  submitProposal,
  updateProposal,
  updateProposalFeedback,
} from '@contracts/deal-proposals.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

const key = (dealId: string) => ['deal-proposals', dealId] as const;

export function useProposals(dealId: string) {
  return useQuery({
    queryKey: [...key(dealId), 'list'],
    queryFn: ({ signal }) => call(listProposals, { params: { id: dealId }, signal }),
    select: (data) => data.items,
  });
}

export function useProposal(dealId: string, proposalId: string | null) {
  return useQuery({
    queryKey: [...key(dealId), 'one', proposalId],
    queryFn: ({ signal }) =>
      call(getProposal, { params: { id: dealId, proposalId: proposalId ?? '' }, signal }),
    enabled: proposalId !== null,
  });
}

export function useProposalComparison(dealId: string, ids: readonly string[], enabled: boolean) {
  return useQuery({
    queryKey: [...key(dealId), 'compare', ids.join(',')],
    queryFn: ({ signal }) =>
      call(compareProposals, {
        params: { id: dealId },
        query: ids.length > 0 ? { ids: ids.join(',') } : {},
        signal,
      }),
    select: (data) => data.items,
    enabled,
  });
}

export function useProposalReviewers(dealId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...key(dealId), 'reviewers'],
    queryFn: ({ signal }) => call(listProposalReviewers, { params: { id: dealId }, signal }),
    select: (data) => data.items,
    enabled,
  });
}

function useProposalMutation<I, O>(dealId: string, fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: key(dealId) }),
  });
}

export type ProposalBody = z.input<typeof updateProposal.body>;

export function useCreateProposal(dealId: string) {
  return useProposalMutation(dealId, (body: z.input<typeof createProposal.body>) =>
    call(createProposal, { params: { id: dealId }, body }),
  );
}

export function useUpdateProposal(dealId: string) {
  return useProposalMutation(dealId, ({ proposalId, body }: { proposalId: string; body: ProposalBody }) =>
    call(updateProposal, { params: { id: dealId, proposalId }, body }),
  );
}

export function useSubmitProposal(dealId: string) {
  return useProposalMutation(
    dealId,
    ({ proposalId, reviewerId }: { proposalId: string; reviewerId?: string }) =>
      call(submitProposal, {
        params: { id: dealId, proposalId },
        body: reviewerId ? { reviewerId } : {},
      }),
  );
}

export function useReviewProposal(dealId: string) {
  return useProposalMutation(
    dealId,
    ({ proposalId, body }: { proposalId: string; body: z.input<typeof reviewProposal.body> }) =>
      call(reviewProposal, { params: { id: dealId, proposalId }, body }),
  );
}

export function usePresentProposal(dealId: string) {
  return useProposalMutation(
    dealId,
    ({ proposalId, body }: { proposalId: string; body: z.input<typeof presentProposal.body> }) =>
      call(presentProposal, { params: { id: dealId, proposalId }, body }),
  );
}

export function useAddFeedback(dealId: string) {
  return useProposalMutation(
    dealId,
    ({ proposalId, body }: { proposalId: string; body: z.input<typeof addProposalFeedback.body> }) =>
      call(addProposalFeedback, { params: { id: dealId, proposalId }, body }),
  );
}

export function useUpdateFeedback(dealId: string) {
  return useProposalMutation(
    dealId,
    ({
      proposalId,
      feedbackId,
      body,
    }: {
      proposalId: string;
      feedbackId: string;
      body: z.input<typeof updateProposalFeedback.body>;
    }) => call(updateProposalFeedback, { params: { id: dealId, proposalId, feedbackId }, body }),
  );
}

export function useAttachMaterial(dealId: string) {
  return useProposalMutation(
    dealId,
    ({ proposalId, materialId }: { proposalId: string; materialId: string }) =>
      call(attachProposalMaterial, { params: { id: dealId, proposalId, materialId } }),
  );
}

export function useDetachMaterial(dealId: string) {
  return useProposalMutation(
    dealId,
    ({ proposalId, materialId }: { proposalId: string; materialId: string }) =>
      call(detachProposalMaterial, { params: { id: dealId, proposalId, materialId } }),
  );
}
