import type { Me } from '@contracts/auth.contract';
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { acceptMe, meQueryKey } from './me-query';

/** For answers that return `Me` (sign-in, setup, profile changes): make them the current session. */
export function useStoreMe(): (me: Me) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (me: Me) => {
      await acceptMe(me);
      queryClient.setQueryData(meQueryKey, me);
    },
    [queryClient],
  );
}
