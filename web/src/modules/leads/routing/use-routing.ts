import {
  createAssignmentRule,
  deleteAssignmentRule,
  listAssignmentRules,
  listRepProfiles,
  reorderAssignmentRules,
  routeLeads,
  updateAssignmentRule,
  updateRepProfile,
} from '@contracts/lead-routing.contract';
import { listLeads } from '@contracts/leads.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

/** Data of the Assignment tab: the rules, the reps' routing profiles, and the unassigned leads. */

export function useAssignmentRules() {
  return useQuery({
    queryKey: ['lead-routing', 'rules'],
    queryFn: ({ signal }) => call(listAssignmentRules, { signal }),
    select: (data) => data.items,
  });
}

function useRoutingMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['lead-routing'] }),
  });
}

export function useCreateRule() {
  return useRoutingMutation((body: z.input<typeof createAssignmentRule.body>) =>
    call(createAssignmentRule, { body }),
  );
}

export function useUpdateRule() {
  return useRoutingMutation(({ id, ...body }: { id: string } & z.input<typeof updateAssignmentRule.body>) =>
    call(updateAssignmentRule, { params: { id }, body }),
  );
}

export function useDeleteRule() {
  return useRoutingMutation((id: string) => call(deleteAssignmentRule, { params: { id } }));
}

/** Saves a new order; the list shows it at once and falls back to the server's on failure. */
export function useReorderRules() {
  const queryClient = useQueryClient();
  const key = ['lead-routing', 'rules'];
  return useMutation({
    mutationFn: (ids: string[]) => call(reorderAssignmentRules, { body: { ids } }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<{ items: { id: string }[] }>(key);
      if (before) {
        const byId = new Map(before.items.map((r) => [r.id, r]));
        queryClient.setQueryData(key, {
          items: ids.map((id) => byId.get(id)).filter((r) => r !== undefined),
        });
      }
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}

export function useRepProfiles(teamId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['lead-routing', 'reps', teamId ?? ''],
    queryFn: ({ signal }) => call(listRepProfiles, { query: { teamId }, signal }),
    select: (data) => data.items,
    enabled,
  });
}

export function useUpdateRepProfile() {
  return useRoutingMutation(
    ({ userId, ...body }: { userId: string } & z.input<typeof updateRepProfile.body>) =>
      call(updateRepProfile, { params: { userId }, body }),
  );
}

/** Up to 200 leads without an owner that the user may see: the ones "route again" sends through the rules. */
export function useUnassignedLeads(enabled: boolean) {
  return useQuery({
    queryKey: ['lead-routing', 'unassigned'],
    queryFn: ({ signal }) =>
      call(listLeads, {
        query: { ownerId: 'none', status: 'new,contacted,nurturing,mql,sql', limit: 200 },
        signal,
      }),
    select: (page) => page.items.map((lead) => lead.id),
    enabled,
  });
}

export function useRouteLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => call(routeLeads, { body: { ids } }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['lead-routing'] }),
        queryClient.invalidateQueries({ queryKey: ['leads'] }),
      ]),
  });
}
