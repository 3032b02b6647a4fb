import { type Campaign, getCampaign } from '@contracts/marketing.contract';
import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { call } from '../../../api/http';

/** Names of a few campaigns by id (a lead's history, the two sides of a merge); each read once and cached. */
export function useCampaignNames(ids: readonly (string | null)[]): ReadonlyMap<string, string> {
  const key = [...new Set(ids.filter((id): id is string => Boolean(id)))].sort().join(',');
  const unique = useMemo(() => (key ? key.split(',') : []), [key]);
  const combine = useCallback(
    (results: UseQueryResult<Campaign>[]) =>
      new Map(unique.flatMap((id, i) => (results[i]?.data ? [[id, results[i].data.name] as const] : []))),
    [unique],
  );
  return useQueries({
    queries: unique.map((id) => ({
      queryKey: ['campaigns', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => call(getCampaign, { params: { id }, signal }),
      staleTime: 5 * 60_000,
      retry: false,
    })),
    combine,
  });
}
