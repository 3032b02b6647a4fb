import {
  addDealCompetitor,
  type CompetitorInput,
  type CompetitorPatch,
  createCompetitor,
  createDealMinutes,
  createDealObjection,
  createObjectionResponse,
  type DealCompetitorInput,
  type DealCompetitorPatch,
  deleteCompetitor,
  deleteDealMinutes,
  deleteDealObjection,
  deleteObjectionResponse,
  getCompetitorRecord,
  getNegotiationSettings,
  listCompetitors,
  listDealCompetitors,
  listDealMinutes,
  listDealObjections,
  listObjectionResponses,
  type MinutesInput,
  type MinutesPatch,
  type NegotiationSettingsInput,
  type ObjectionInput,
  type ObjectionPatch,
  type ObjectionResponseInput,
  type ObjectionResponsePatch,
  type ObjectionType,
  removeDealCompetitor,
  type SignOffInput,
  saveNegotiationSettings,
  signOffDealMinutes,
  updateCompetitor,
  updateDealCompetitor,
  updateDealMinutes,
  updateDealObjection,
  updateObjectionResponse,
} from '@contracts/deal-negotiation.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/http';

/**
 * Server state of negotiation: a deal's objections, competitors and minutes (with the price floor), and the
 * company's playbook, competitor list and price buffer. Writes on a deal also refresh the deal itself (its
 * gates count open objections and signed minutes).
 */

export const negotiationKey = (dealId: string) => ['deals', 'negotiation', dealId] as const;
const playbookKey = ['objection-responses'] as const;
const competitorsKey = ['competitors'] as const;
const settingsKey = ['deal-settings', 'negotiation'] as const;

function useDealWrite<I, O>(fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: ['deals'] }),
  });
}

function useListWrite<I, O>(key: readonly string[], fn: (input: I) => Promise<O>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => client.invalidateQueries({ queryKey: key }),
  });
}

// Deal ------------------------------------------------------------------------------------------------

export function useDealObjections(dealId: string) {
  return useQuery({
    queryKey: [...negotiationKey(dealId), 'objections'],
    queryFn: ({ signal }) => call(listDealObjections, { params: { id: dealId }, signal }),
  });
}

export function useCreateObjection(dealId: string) {
  return useDealWrite((body: ObjectionInput) => call(createDealObjection, { params: { id: dealId }, body }));
}

export function useUpdateObjection(dealId: string) {
  return useDealWrite(({ objectionId, ...body }: ObjectionPatch & { objectionId: string }) =>
    call(updateDealObjection, { params: { id: dealId, objectionId }, body }),
  );
}

export function useDeleteObjection(dealId: string) {
  return useDealWrite((objectionId: string) =>
    call(deleteDealObjection, { params: { id: dealId, objectionId } }),
  );
}

export function useDealCompetitors(dealId: string) {
  return useQuery({
    queryKey: [...negotiationKey(dealId), 'competitors'],
    queryFn: ({ signal }) => call(listDealCompetitors, { params: { id: dealId }, signal }),
  });
}

export function useAddDealCompetitor(dealId: string) {
  return useDealWrite((body: DealCompetitorInput) =>
    call(addDealCompetitor, { params: { id: dealId }, body }),
  );
}

export function useUpdateDealCompetitor(dealId: string) {
  return useDealWrite(({ competitorId, ...body }: DealCompetitorPatch & { competitorId: string }) =>
    call(updateDealCompetitor, { params: { id: dealId, competitorId }, body }),
  );
}

export function useRemoveDealCompetitor(dealId: string) {
  return useDealWrite((competitorId: string) =>
    call(removeDealCompetitor, { params: { id: dealId, competitorId } }),
  );
}

export function useDealMinutes(dealId: string) {
  return useQuery({
    queryKey: [...negotiationKey(dealId), 'minutes'],
    queryFn: ({ signal }) => call(listDealMinutes, { params: { id: dealId }, signal }),
  });
}

export function useCreateMinutes(dealId: string) {
  return useDealWrite((body: MinutesInput) => call(createDealMinutes, { params: { id: dealId }, body }));
}

export function useUpdateMinutes(dealId: string) {
  return useDealWrite(({ minutesId, ...body }: MinutesPatch & { minutesId: string }) =>
    call(updateDealMinutes, { params: { id: dealId, minutesId }, body }),
  );
}

export function useDeleteMinutes(dealId: string) {
  return useDealWrite((minutesId: string) => call(deleteDealMinutes, { params: { id: dealId, minutesId } }));
}

export function useSignOffMinutes(dealId: string) {
  return useDealWrite(({ minutesId, ...body }: SignOffInput & { minutesId: string }) =>
    call(signOffDealMinutes, { params: { id: dealId, minutesId }, body }),
  );
}

// Company lists ---------------------------------------------------------------------------------------

export function usePlaybook(options: { type?: ObjectionType; includeInactive?: boolean } = {}) {
  const query = {
    ...(options.type ? { type: options.type } : {}),
    ...(options.includeInactive ? { includeInactive: 'true' as const } : {}),
  };
  return useQuery({
    queryKey: [...playbookKey, query],
    queryFn: ({ signal }) => call(listObjectionResponses, { query, signal }),
    select: (data) => data.items,
  });
}

export function useCreatePlaybookEntry() {
  return useListWrite(playbookKey, (body: ObjectionResponseInput) => call(createObjectionResponse, { body }));
}

export function useUpdatePlaybookEntry() {
  return useListWrite(playbookKey, ({ id, ...body }: ObjectionResponsePatch & { id: string }) =>
    call(updateObjectionResponse, { params: { id }, body }),
  );
}

export function useDeletePlaybookEntry() {
  return useListWrite(playbookKey, (id: string) => call(deleteObjectionResponse, { params: { id } }));
}

export function useCompetitors(options: { q?: string; includeInactive?: boolean } = {}) {
  const query = {
    ...(options.q ? { q: options.q } : {}),
    ...(options.includeInactive ? { includeInactive: 'true' as const } : {}),
  };
  return useQuery({
    queryKey: [...competitorsKey, query],
    queryFn: ({ signal }) => call(listCompetitors, { query, signal }),
    select: (data) => data.items,
  });
}

export function useCompetitorRecord(id: string | null) {
  return useQuery({
    queryKey: [...competitorsKey, 'record', id],
    queryFn: ({ signal }) => call(getCompetitorRecord, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
  });
}

export function useCreateCompetitor() {
  return useListWrite(competitorsKey, (body: CompetitorInput) => call(createCompetitor, { body }));
}

export function useUpdateCompetitor() {
  return useListWrite(competitorsKey, ({ id, ...body }: CompetitorPatch & { id: string }) =>
    call(updateCompetitor, { params: { id }, body }),
  );
}

export function useDeleteCompetitor() {
  return useListWrite(competitorsKey, (id: string) => call(deleteCompetitor, { params: { id } }));
}

export function useNegotiationSettings() {
  return useQuery({
    queryKey: settingsKey,
    queryFn: ({ signal }) => call(getNegotiationSettings, { signal }),
  });
}

export function useSaveNegotiationSettings() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NegotiationSettingsInput) => call(saveNegotiationSettings, { body }),
    onSuccess: (saved) => {
      client.setQueryData(settingsKey, saved);
      return client.invalidateQueries({ queryKey: ['deals'] });
    },
  });
}
