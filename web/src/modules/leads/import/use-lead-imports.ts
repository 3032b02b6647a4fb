import {
  cancelLeadImport,
  getLeadImport,
  type ImportDefaults,
  type ImportMapping,
  type LeadImport,
  listLeadImportIssues,
  listLeadImports,
  startLeadImport,
} from '@contracts/lead-import.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/http';

const PAGE_SIZE = 20;
/** Statuses during which the job moves the import along: the page polls them. */
const ACTIVE = new Set<LeadImport['status']>(['mapped', 'running']);

export function useLeadImports() {
  return useInfiniteQuery({
    queryKey: ['lead-imports', 'list'],
    queryFn: ({ pageParam, signal }) =>
      call(listLeadImports, { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => ({
      items: data.pages.flatMap((page) => page.items),
      maxFileBytes: data.pages[0]?.maxFileBytes ?? null,
    }),
    // Counts of imports still running change: refresh the list until they are all finished.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((i) => ACTIVE.has(i.status))) ? 2000 : false,
  });
}

/** One import; polled every second while the job is running it. */
export function useLeadImport(id: string | null) {
  return useQuery({
    queryKey: ['lead-imports', 'one', id],
    queryFn: ({ signal }) => call(getLeadImport, { params: { id: id ?? '' }, signal }),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false),
  });
}

/** The first skipped rows, for the result step (the CSV report has all of them). */
export function useImportIssues(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['lead-imports', 'issues', id],
    queryFn: ({ signal }) => call(listLeadImportIssues, { params: { id }, query: { limit: 20 }, signal }),
    enabled,
  });
}

function useImportMutation<I>(fn: (input: I) => Promise<LeadImport>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (imp) => {
      queryClient.setQueryData(['lead-imports', 'one', imp.id], imp);
      return queryClient.invalidateQueries({ queryKey: ['lead-imports', 'list'] });
    },
  });
}

export function useStartImport() {
  return useImportMutation(
    ({ id, ...body }: { id: string; mapping: ImportMapping; defaults: ImportDefaults }) =>
      call(startLeadImport, { params: { id }, body }),
  );
}

export function useCancelImport() {
  return useImportMutation((id: string) => call(cancelLeadImport, { params: { id } }));
}

/** Puts a freshly uploaded import in the cache, so the mapping step opens without a second request. */
export function useRememberImport() {
  const queryClient = useQueryClient();
  return (imp: LeadImport) => {
    queryClient.setQueryData(['lead-imports', 'one', imp.id], imp);
    void queryClient.invalidateQueries({ queryKey: ['lead-imports', 'list'] });
  };
}
