import { createTeam, deleteTeam, listTeams, setTeamMembers, updateTeam } from '@contracts/teams.contract';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

const PAGE_SIZE = 50;

export function useTeams() {
  return useInfiniteQuery({
    queryKey: ['teams', 'list'],
    queryFn: ({ pageParam, signal }) =>
      call(listTeams, { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

function useTeamsMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    // Users show their teams too.
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['teams'] }),
        queryClient.invalidateQueries({ queryKey: ['users'] }),
      ]),
  });
}

export function useCreateTeam() {
  return useTeamsMutation((body: z.input<typeof createTeam.body>) => call(createTeam, { body }));
}

export function useUpdateTeam() {
  return useTeamsMutation(({ id, ...body }: { id: string } & z.input<typeof updateTeam.body>) =>
    call(updateTeam, { params: { id }, body }),
  );
}

export function useSetTeamMembers() {
  return useTeamsMutation(({ id, ...body }: { id: string } & z.input<typeof setTeamMembers.body>) =>
    call(setTeamMembers, { params: { id }, body }),
  );
}

export function useDeleteTeam() {
  return useTeamsMutation((id: string) => call(deleteTeam, { params: { id } }));
}
