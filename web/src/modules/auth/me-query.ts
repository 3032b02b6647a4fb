import type { Me } from '@contracts/auth.contract';
import { getMe } from '@contracts/auth.contract';
import { queryOptions } from '@tanstack/react-query';
import { ApiError } from '../../api/api-error';
import { call, rememberCsrfToken } from '../../api/http';
import { switchLocale } from '../../i18n/i18n';
import { sessionLocale } from '../../i18n/locale';

export const meQueryKey = ['me'] as const;

/** Takes in a fresh `Me`: its CSRF token for later writes, and the language it asks for. */
export async function acceptMe(me: Me): Promise<Me> {
  rememberCsrfToken(me.csrfToken);
  await switchLocale(sessionLocale(me));
  return me;
}

/** The signed-in user, or null when there is no session (401 is an answer here, not an error). */
export const meQuery = queryOptions({
  queryKey: meQueryKey,
  queryFn: async ({ signal }): Promise<Me | null> => {
    try {
      return await acceptMe(await call(getMe, { signal }));
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        rememberCsrfToken(null);
        return null;
      }
      throw err;
    }
  },
  staleTime: 5 * 60_000,
});
