import { getSetupStatus } from '@contracts/auth.contract';
import { useQuery } from '@tanstack/react-query';
import { call } from '../../api/http';

export const setupStatusKey = ['setup-status'] as const;

export function useSetupStatus() {
  return useQuery({
    queryKey: setupStatusKey,
    queryFn: ({ signal }) => call(getSetupStatus, { signal }),
    staleTime: Number.POSITIVE_INFINITY,
  });
}
