import {
  createScoreRule,
  deleteScoreRule,
  getScoringModel,
  listScoreRules,
  type ReplaceScoreRuleBody,
  reorderScoreRules,
  replaceScoreRule,
  type ScoreRule,
  type ScoreRuleBody,
  trainScoringModel,
} from '@contracts/lead-scoring.contract';
import { getLeadSettings } from '@contracts/leads.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/http';

const RULES = ['lead-scoring', 'rules'] as const;
const MODEL = ['lead-scoring', 'model'] as const;

export function useScoreRules() {
  return useQuery({
    queryKey: RULES,
    queryFn: ({ signal }) => call(listScoreRules, { signal }),
    select: (data) => data.items,
  });
}

/** Same key as the lead settings screen: both read the same record. */
export function useMqlThreshold() {
  return useQuery({
    queryKey: ['lead-settings'],
    queryFn: ({ signal }) => call(getLeadSettings, { signal }),
    select: (settings) => settings.mqlThreshold,
  });
}

function useRulesMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Leads are rescored in the background: their lists show new scores once it is done.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: RULES }),
        queryClient.invalidateQueries({ queryKey: ['leads'] }),
      ]),
  });
}

export function useCreateScoreRule() {
  return useRulesMutation((body: ScoreRuleBody) => call(createScoreRule, { body }));
}

export function useReplaceScoreRule() {
  return useRulesMutation(({ id, body }: { id: string; body: ReplaceScoreRuleBody }) =>
    call(replaceScoreRule, { params: { id }, body }),
  );
}

export function useDeleteScoreRule() {
  return useRulesMutation((id: string) => call(deleteScoreRule, { params: { id } }));
}

/** Shows the new order at once and puts the server's back when the call fails. */
export function useReorderScoreRules() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (ids: string[]) => call(reorderScoreRules, { body: { ids } }),
    onMutate: async (ids) => {
      await queryClient.cancelQueries({ queryKey: RULES });
      const before = queryClient.getQueryData<{ items: ScoreRule[] }>(RULES);
      if (before) {
        const byId = new Map(before.items.map((r) => [r.id, r]));
        const items = ids.flatMap((id, position) => {
          const rule = byId.get(id);
          return rule ? [{ ...rule, position }] : [];
        });
        queryClient.setQueryData(RULES, { items });
      }
      return { before };
    },
    onError: (_error, _ids, context) => {
      if (context?.before) queryClient.setQueryData(RULES, context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: RULES }),
  });
}

/** What a "train now" waits for: a run newer than the one that was newest when it was asked for. */
export type TrainingWait = { previousRunId: string | null } | null;

/** The model overview; polled while a training run the user asked for has not shown up yet. */
export function useScoringModel(waiting: TrainingWait) {
  return useQuery({
    queryKey: MODEL,
    queryFn: ({ signal }) => call(getScoringModel, { signal }),
    refetchInterval: (query) => {
      if (!waiting) return false;
      const newest = query.state.data?.runs[0]?.id ?? null;
      return newest !== waiting.previousRunId ? false : 2000;
    },
  });
}

export function useTrainModel() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(trainScoringModel, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: MODEL }),
  });
}
