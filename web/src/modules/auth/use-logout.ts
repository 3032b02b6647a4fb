import { logout } from '@contracts/auth.contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { call, rememberCsrfToken } from '../../api/http';
import { meQueryKey } from './me-query';

/** Ends the session; the browser forgets every cached record even if the server call fails. */
export function useLogout() {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useMutation({
    mutationFn: () => call(logout, {}),
    onSettled: async () => {
      rememberCsrfToken(null);
      // Signed out first, so the pages unmount before their cached data goes; otherwise they would refetch.
      queryClient.setQueryData(meQueryKey, null);
      await navigate('/login', { replace: true });
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== meQueryKey[0] });
    },
  });
}
