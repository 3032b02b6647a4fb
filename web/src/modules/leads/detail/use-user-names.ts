import { getUser, type User } from '@contracts/users.contract';
import { type UseQueryResult, useQueries } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { call } from '../../../api/http';

/** Names of a few users by id (owners and shares in a lead's history); each is read once and cached. */
export function useUserNames(ids: readonly string[]): ReadonlyMap<string, string> {
  const key = [...new Set(ids)].sort().join(',');
  const unique = useMemo(() => (key ? key.split(',') : []), [key]);
  const combine = useCallback(
    (results: UseQueryResult<User>[]) =>
      new Map(unique.flatMap((id, i) => (results[i]?.data ? [[id, results[i].data.name] as const] : []))),
    [unique],
  );
  return useQueries({
    queries: unique.map((id) => ({
      queryKey: ['users', 'one', id],
      queryFn: ({ signal }: { signal: AbortSignal }) => call(getUser, { params: { id }, signal }),
      staleTime: 5 * 60_000,
      retry: false,
    })),
    combine,
  });
}
