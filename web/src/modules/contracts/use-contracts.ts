import {
  assignHandover,
  completeContract,
  countersign,
  createContract,
  createTemplate,
  customerRevision,
  diffVersions,
  getContract,
  getContractSettings,
  getHandover,
  listContracts,
  listTemplates,
  listVersions,
  patchContract,
  patchHandover,
  patchTemplate,
  putClauses,
  putContractSettings,
  recordPaperSigning,
  reviewContract,
  sendForSignature,
  submitContract,
  terminateContract,
  verifyContract,
} from '@contracts/contracts.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** Server state of contracts: the progress table, one contract, its versions, diff and handover, the writes. */

const KEY = ['contracts'] as const;

export type ContractListQuery = Partial<z.input<typeof listContracts.query>>;

export function useContractList(query: Omit<ContractListQuery, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      call(listContracts, { query: { ...query, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useContract(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => call(getContract, { params: { id }, signal }),
  });
}

export function useContractVersions(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id, 'versions'],
    queryFn: ({ signal }) => call(listVersions, { params: { id }, signal }),
    select: (data) => data.items,
  });
}

export function useContractDiff(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id, 'diff', from, to],
    queryFn: ({ signal }) =>
      call(diffVersions, { params: { id }, query: { from: from ?? 1, to: to ?? 1 }, signal }),
    enabled: from !== null && to !== null && from !== to,
  });
}

export function useHandover(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id, 'handover'],
    queryFn: ({ signal }) => call(getHandover, { params: { id }, signal }),
  });
}

function useContractMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateContract = () =>
  useContractMutation((body: z.input<typeof createContract.body>) => call(createContract, { body }));
export const usePatchContract = (id: string) =>
  useContractMutation((body: z.input<typeof patchContract.body>) =>
    call(patchContract, { params: { id }, body }),
  );
export const usePutClauses = (id: string) =>
  useContractMutation((body: z.input<typeof putClauses.body>) => call(putClauses, { params: { id }, body }));
export const useCustomerRevision = (id: string) =>
  useContractMutation((body: z.input<typeof customerRevision.body>) =>
    call(customerRevision, { params: { id }, body }),
  );
export const useSubmitContract = (id: string) =>
  useContractMutation((body: z.input<typeof submitContract.body>) =>
    call(submitContract, { params: { id }, body }),
  );
export const useReviewContract = (id: string) =>
  useContractMutation((body: z.input<typeof reviewContract.body>) =>
    call(reviewContract, { params: { id }, body }),
  );
export const useSendForSignature = (id: string) =>
  useContractMutation((body: z.input<typeof sendForSignature.body>) =>
    call(sendForSignature, { params: { id }, body }),
  );
export const useCountersign = (id: string) =>
  useContractMutation((body: z.input<typeof countersign.body>) =>
    call(countersign, { params: { id }, body }),
  );
export const useRecordPaperSigning = (id: string) =>
  useContractMutation((input: { query: z.input<typeof recordPaperSigning.query>; file: File }) =>
    call(recordPaperSigning, { params: { id }, query: input.query, file: input.file }),
  );
export const useTerminate = (id: string) =>
  useContractMutation((body: z.input<typeof terminateContract.body>) =>
    call(terminateContract, { params: { id }, body }),
  );
export const useCompleteContract = (id: string) =>
  useContractMutation((body: z.input<typeof completeContract.body>) =>
    call(completeContract, { params: { id }, body }),
  );
export const useAssignHandover = (id: string) =>
  useContractMutation((body: z.input<typeof assignHandover.body>) =>
    call(assignHandover, { params: { id }, body }),
  );
export const usePatchHandover = (id: string) =>
  useContractMutation((body: z.input<typeof patchHandover.body>) =>
    call(patchHandover, { params: { id }, body }),
  );

const TEMPLATES_KEY = [...KEY, 'templates'] as const;
const SETTINGS_KEY = [...KEY, 'settings'] as const;

/** The clause templates, oldest first (the server creates the two built-in ones on the first read). */
export function useContractTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: ({ signal }) => call(listTemplates, { signal }),
    select: (data) => data.items,
  });
}

export const useCreateTemplate = () =>
  useContractMutation((body: z.input<typeof createTemplate.body>) => call(createTemplate, { body }));
export const usePatchTemplate = () =>
  useContractMutation(({ id, body }: { id: string; body: z.input<typeof patchTemplate.body> }) =>
    call(patchTemplate, { params: { id }, body }),
  );

export function useContractSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => call(getContractSettings, { signal }),
  });
}

export function useSaveContractSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof putContractSettings.body>) => call(putContractSettings, { body }),
    onSuccess: (saved) => queryClient.setQueryData(SETTINGS_KEY, saved),
  });
}

/** Hashes the file in the browser and asks which contract it is: the document itself never leaves the machine. */
export async function verifyFile(file: File) {
  const digest = await crypto.subtle.digest('SHA-256', await file.arrayBuffer());
  const sha256 = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return call(verifyContract, { query: { sha256 } });
}
