import { listFailedJobs, listOutbox, retryJob } from '@contracts/admin.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

export type MailStatus = NonNullable<z.input<typeof listOutbox.query>['status']>;

const PAGE_SIZE = 50;
const failedJobsKey = ['admin', 'failed-jobs'] as const;

export function useOutbox(status: MailStatus | undefined) {
  return useInfiniteQuery({
    queryKey: ['admin', 'outbox', status],
    queryFn: ({ pageParam, signal }) =>
      call(listOutbox, { query: { status, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useFailedJobs() {
  return useQuery({
    queryKey: failedJobsKey,
    queryFn: ({ signal }) => call(listFailedJobs, { signal }),
    select: (res) => res.items,
  });
}

export function useRetryJob() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(retryJob, { params: { id } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['admin'] }),
  });
}
