import {
  compareQuoteVersions,
  createQuote,
  getQuote,
  getQuoteSettings,
  listQuotes,
  listQuoteVersions,
  patchQuote,
  putQuoteLines,
  putQuoteSettings,
  reviseQuote,
  sendQuote,
  submitQuote,
  withdrawQuote,
} from '@contracts/quotes.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** Server state of quotes: the list, one quote, its versions and comparisons, and the writes. */

const KEY = ['quotes'] as const;

export type QuoteListQuery = Partial<z.input<typeof listQuotes.query>>;

export function useQuoteList(query: Omit<QuoteListQuery, 'cursor'>) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) => call(listQuotes, { query: { ...query, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useQuote(id: string) {
  return useQuery({
    queryKey: [...KEY, 'one', id],
    queryFn: ({ signal }) => call(getQuote, { params: { id }, signal }),
  });
}

export function useQuoteVersions(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...KEY, 'one', id, 'versions'],
    queryFn: ({ signal }) => call(listQuoteVersions, { params: { id }, signal }),
    select: (data) => data.items,
    enabled,
  });
}

export function useQuoteComparison(id: string, from: number | null, to: number | null) {
  return useQuery({
    queryKey: [...KEY, 'one', id, 'compare', from, to],
    queryFn: ({ signal }) =>
      call(compareQuoteVersions, { params: { id }, query: { from: from ?? 1, to: to ?? 1 }, signal }),
    enabled: from !== null && to !== null && from !== to,
  });
}

function useQuoteMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
}

export const useCreateQuote = () =>
  useQuoteMutation((body: z.input<typeof createQuote.body>) => call(createQuote, { body }));

export const usePatchQuote = (id: string) =>
  useQuoteMutation((body: z.input<typeof patchQuote.body>) => call(patchQuote, { params: { id }, body }));

export const usePutLines = (id: string) =>
  useQuoteMutation((body: z.input<typeof putQuoteLines.body>) =>
    call(putQuoteLines, { params: { id }, body }),
  );

export const useSubmitQuote = (id: string) =>
  useQuoteMutation((body: z.input<typeof submitQuote.body>) => call(submitQuote, { params: { id }, body }));

export const useSendQuote = (id: string) =>
  useQuoteMutation((version: number) => call(sendQuote, { params: { id }, body: { version } }));

export const useReviseQuote = (id: string) =>
  useQuoteMutation((version: number) => call(reviseQuote, { params: { id }, body: { version } }));

export const useWithdrawQuote = (id: string) =>
  useQuoteMutation((version: number) => call(withdrawQuote, { params: { id }, body: { version } }));

const SETTINGS_KEY = ['quote-settings'] as const;

/** The company's quote rules and PDF template (everyone reads them; deals.configure changes them). */
export function useQuoteSettings() {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: ({ signal }) => call(getQuoteSettings, { signal }),
  });
}

export function useSaveQuoteSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof putQuoteSettings.body>) => call(putQuoteSettings, { body }),
    onSuccess: (saved) => queryClient.setQueryData(SETTINGS_KEY, saved),
  });
}
