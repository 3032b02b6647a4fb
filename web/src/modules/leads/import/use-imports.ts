import type { LeadImport } from '@contracts/lead-import.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ImportKind, ImportView } from './import-kind';

/** Statuses during which the job moves the import along: the page polls them. */
const ACTIVE = new Set<LeadImport['status']>(['mapped', 'running']);

export function useImports<I extends ImportView>(kind: ImportKind<I>) {
  return useInfiniteQuery({
    queryKey: [kind.key, 'list'],
    queryFn: ({ pageParam, signal }) => kind.list(pageParam, signal),
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
export function useImport<I extends ImportView>(kind: ImportKind<I>, id: string | null) {
  return useQuery({
    queryKey: [kind.key, 'one', id],
    queryFn: ({ signal }) => kind.get(id ?? '', signal),
    enabled: id !== null,
    refetchInterval: (query) => (query.state.data && ACTIVE.has(query.state.data.status) ? 1000 : false),
  });
}

/** The first skipped rows, for the result step (the CSV report has all of them). */
export function useImportIssues<I extends ImportView>(kind: ImportKind<I>, id: string, enabled: boolean) {
  return useQuery({
    queryKey: [kind.key, 'issues', id],
    queryFn: ({ signal }) => kind.issues(id, signal),
    enabled,
  });
}

/** A change of one import: the answer replaces the cached import, and the list is refreshed. */
export function useImportMutation<I extends ImportView, V>(
  kind: ImportKind<I>,
  fn: (input: V) => Promise<I>,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (imp) => {
      queryClient.setQueryData([kind.key, 'one', imp.id], imp);
      return queryClient.invalidateQueries({ queryKey: [kind.key, 'list'] });
    },
  });
}

export function useCancelImport<I extends ImportView>(kind: ImportKind<I>) {
  return useImportMutation(kind, (id: string) => kind.cancel(id));
}

/** Puts a freshly uploaded import in the cache, so the mapping step opens without a second request. */
export function useRememberImport<I extends ImportView>(kind: ImportKind<I>) {
  const queryClient = useQueryClient();
  return (imp: I) => {
    queryClient.setQueryData([kind.key, 'one', imp.id], imp);
    void queryClient.invalidateQueries({ queryKey: [kind.key, 'list'] });
  };
}
