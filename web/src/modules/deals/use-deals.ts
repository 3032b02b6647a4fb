import {
  BOARD_FIRST_CARDS,
  checkDealGates,
  createDeal,
  deleteDeal,
  getBoard,
  getDeal,
  getDealSummary,
  getStageHistory,
  listDeals,
  loseDeal,
  moveDeal,
  reopenDeal,
  setDealContacts,
  updateDeal,
  winDeal,
} from '@contracts/deals.contract';
import {
  archivePipeline,
  createLossReason,
  createPipeline,
  getPipelineRules,
  listLossReasons,
  listPipelines,
  updateLossReason,
  updatePipeline,
  updatePipelineRules,
} from '@contracts/pipelines.contract';
import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** Server state of the deals area; every write refreshes the board, the lists and the deal it touched. */

export type DealListQuery = Partial<z.input<typeof listDeals.query>>;
export type BoardQuery = Partial<z.input<typeof getBoard.query>>;
export type SummaryQuery = z.input<typeof getDealSummary.query>;

export const DEAL_PAGE_SIZE = 50;

export const dealKey = (id: string) => ['deals', 'detail', id] as const;

/** Resolves once the board and lists are read again, so a moved card never flickers back. */
async function refreshDeals(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['deals'] }),
    queryClient.invalidateQueries({ queryKey: ['customers', 'deals'] }),
    queryClient.invalidateQueries({ queryKey: ['timeline', 'deal'] }),
  ]);
}

export function usePipelines() {
  return useQuery({
    queryKey: ['pipelines', 'list'],
    queryFn: ({ signal }) => call(listPipelines, { query: {}, signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

export function useDealList(query: DealListQuery) {
  return useInfiniteQuery({
    queryKey: ['deals', 'list', query],
    queryFn: ({ pageParam, signal }) =>
      call(listDeals, { query: { limit: DEAL_PAGE_SIZE, ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    placeholderData: keepPreviousData,
  });
}

export function useBoard(pipelineId: string | undefined, query: BoardQuery) {
  return useQuery({
    queryKey: ['deals', 'board', pipelineId, query],
    queryFn: ({ signal }) =>
      call(getBoard, {
        params: { id: pipelineId ?? '' },
        query: { limit: BOARD_FIRST_CARDS, ...query },
        signal,
      }),
    enabled: Boolean(pipelineId),
    placeholderData: keepPreviousData,
  });
}

/**
 * The cards of a board column past its first answer, read through the list with the column's cursor; the
 * query starts only when `enabled` (the user scrolled to the column's end).
 */
export function useColumnMore(
  stageId: string,
  firstCursor: string | null,
  query: BoardQuery,
  enabled: boolean,
) {
  return useInfiniteQuery({
    queryKey: ['deals', 'column', stageId, firstCursor, query],
    queryFn: ({ pageParam, signal }) =>
      call(listDeals, {
        query: {
          q: query.q,
          ownerId: query.ownerId,
          teamId: query.teamId,
          closeMonth: query.closeMonth,
          status: 'open',
          stageId,
          limit: DEAL_PAGE_SIZE,
          cursor: pageParam,
        },
        signal,
      }),
    initialPageParam: firstCursor ?? undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    enabled: enabled && Boolean(firstCursor),
  });
}

export function useDealSummary(query: SummaryQuery | null) {
  return useQuery({
    queryKey: ['deals', 'summary', query],
    queryFn: ({ signal }) => call(getDealSummary, { query: query ?? { pipelineId: '' }, signal }),
    enabled: Boolean(query?.pipelineId),
    placeholderData: keepPreviousData,
  });
}

export function useDeal(id: string) {
  return useQuery({
    queryKey: dealKey(id),
    queryFn: ({ signal }) => call(getDeal, { params: { id }, signal }),
  });
}

export function useStageHistory(id: string) {
  return useQuery({
    queryKey: ['deals', 'history', id],
    queryFn: ({ signal }) => call(getStageHistory, { params: { id }, signal }),
    select: (data) => data.items,
  });
}

/** The gates between a deal and a stage (or winning, without a stage), checked without moving it. */
export function useDealGates(id: string, stageId: string | undefined, enabled: boolean) {
  return useQuery({
    queryKey: ['deals', 'gates', id, stageId ?? 'win'],
    queryFn: ({ signal }) => call(checkDealGates, { params: { id }, query: { stageId }, signal }),
    select: (data) => data.unmet,
    enabled,
  });
}

export function useLossReasons() {
  return useQuery({
    queryKey: ['pipelines', 'lossReasons'],
    queryFn: ({ signal }) => call(listLossReasons, { signal }),
    select: (data) => data.items,
  });
}

export function usePipelineRules() {
  return useQuery({
    queryKey: ['pipelines', 'rules'],
    queryFn: ({ signal }) => call(getPipelineRules, { signal }),
  });
}

/** One mutation per deal use case; each refreshes the deals area on success. */
function useDealWrite<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => refreshDeals(queryClient),
  });
}

export function useCreateDeal() {
  return useDealWrite((body: z.input<typeof createDeal.body>) => call(createDeal, { body }));
}

export function useUpdateDeal(id: string) {
  return useDealWrite((body: z.input<typeof updateDeal.body>) => call(updateDeal, { params: { id }, body }));
}

export function useMoveDeal() {
  return useDealWrite(({ id, ...body }: z.input<typeof moveDeal.body> & { id: string }) =>
    call(moveDeal, { params: { id }, body }),
  );
}

export function useWinDeal(id: string) {
  return useDealWrite((body: z.input<typeof winDeal.body>) => call(winDeal, { params: { id }, body }));
}

export function useLoseDeal(id: string) {
  return useDealWrite((body: z.input<typeof loseDeal.body>) => call(loseDeal, { params: { id }, body }));
}

export function useReopenDeal(id: string) {
  return useDealWrite((body: z.input<typeof reopenDeal.body>) => call(reopenDeal, { params: { id }, body }));
}

export function useDeleteDeal(id: string) {
  return useDealWrite(() => call(deleteDeal, { params: { id } }));
}

export function useSetDealContacts(id: string) {
  return useDealWrite((body: z.input<typeof setDealContacts.body>) =>
    call(setDealContacts, { params: { id }, body }),
  );
}

/** Pipeline settings writes refresh the pipelines and everything drawn from them. */
function usePipelineWrite<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['pipelines'] });
      void queryClient.invalidateQueries({ queryKey: ['deals'] });
    },
  });
}

export function useCreatePipeline() {
  return usePipelineWrite((body: z.input<typeof createPipeline.body>) => call(createPipeline, { body }));
}

export function useUpdatePipeline() {
  return usePipelineWrite(({ id, ...body }: z.input<typeof updatePipeline.body> & { id: string }) =>
    call(updatePipeline, { params: { id }, body }),
  );
}

export function useArchivePipeline() {
  return usePipelineWrite((id: string) => call(archivePipeline, { params: { id } }));
}

export function useCreateLossReason() {
  return usePipelineWrite((body: z.input<typeof createLossReason.body>) => call(createLossReason, { body }));
}

export function useUpdateLossReason() {
  return usePipelineWrite(({ id, ...body }: z.input<typeof updateLossReason.body> & { id: string }) =>
    call(updateLossReason, { params: { id }, body }),
  );
}

export function useUpdatePipelineRules() {
  return usePipelineWrite((body: z.input<typeof updatePipelineRules.body>) =>
    call(updatePipelineRules, { body }),
  );
}
