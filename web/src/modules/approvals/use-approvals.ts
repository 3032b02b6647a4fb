import {
  type ApprovalRules,
  approveApproval,
  cancelApproval,
  countMyPendingApprovals,
  getApproval,
  getApprovalSettings,
  type ListApprovalsQuery,
  listApprovals,
  putApprovalSettings,
  returnApproval,
} from '@contracts/approvals.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../api/http';

/** Server state of approvals; a decision refreshes the lists, the request, the badge and the quotes it touches. */

export function useApprovalList(query: Pick<ListApprovalsQuery, 'box' | 'status'>) {
  return useInfiniteQuery({
    queryKey: ['approvals', 'list', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam, signal }) =>
      call(listApprovals, { query: { ...query, limit: 50, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useApproval(id: string | null) {
  return useQuery({
    queryKey: ['approvals', 'one', id],
    enabled: id !== null,
    queryFn: ({ signal }) => call(getApproval, { params: { id: id ?? '' }, signal }),
  });
}

export function useMyPendingApprovals() {
  return useQuery({
    queryKey: ['approvals', 'inbox-count'],
    queryFn: ({ signal }) => call(countMyPendingApprovals, { signal }),
  });
}

type Decision = { id: string; version: number; comment: string };

export function useDecideApproval() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, id, version, comment }: Decision & { action: 'approve' | 'return' | 'cancel' }) =>
      action === 'approve'
        ? call(approveApproval, { params: { id }, body: { version, comment } })
        : action === 'return'
          ? call(returnApproval, { params: { id }, body: { version, comment } })
          : call(cancelApproval, { params: { id }, body: { version } }),
    onSuccess: async (approval) => {
      queryClient.setQueryData(['approvals', 'one', approval.id], approval);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['approvals'] }),
        queryClient.invalidateQueries({ queryKey: ['quotes'] }),
      ]);
    },
  });
}

export function useApprovalSettings() {
  return useQuery({
    queryKey: ['approvals', 'settings'],
    queryFn: ({ signal }) => call(getApprovalSettings, { signal }),
  });
}

export function useSaveApprovalSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { rules: ApprovalRules; version: number }) =>
      call(putApprovalSettings, { body: input }),
    onSuccess: (settings) => queryClient.setQueryData(['approvals', 'settings'], settings),
  });
}
