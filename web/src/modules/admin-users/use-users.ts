import {
  deactivateUser,
  inviteUser,
  listUsers,
  reactivateUser,
  resetUserPassword,
  updateUser,
} from '@contracts/users.contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

export type UserFilters = Pick<z.input<typeof listUsers.query>, 'q' | 'role' | 'status'>;

const PAGE_SIZE = 50;

export function useUsers(filters: UserFilters) {
  return useInfiniteQuery({
    queryKey: ['users', 'list', filters],
    queryFn: ({ pageParam, signal }) =>
      call(listUsers, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

function useUsersMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Team membership shows on both lists.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['users'] }),
        queryClient.invalidateQueries({ queryKey: ['teams'] }),
      ]),
  });
}

export function useInviteUser() {
  return useUsersMutation((body: z.input<typeof inviteUser.body>) => call(inviteUser, { body }));
}

export function useUpdateUser() {
  return useUsersMutation(({ id, ...body }: { id: string } & z.input<typeof updateUser.body>) =>
    call(updateUser, { params: { id }, body }),
  );
}

export function useDeactivateUser() {
  return useUsersMutation((id: string) => call(deactivateUser, { params: { id } }));
}

export function useReactivateUser() {
  return useUsersMutation((id: string) => call(reactivateUser, { params: { id } }));
}

export function useResetUserPassword() {
  return useMutation({ mutationFn: (id: string) => call(resetUserPassword, { params: { id } }) });
}
