import {
  type ActivityItem,
  completeTask,
  createActivity,
  deleteActivity,
  listActivities,
  listOverseenPeople,
  reopenTask,
  updateActivity,
} from '@contracts/activities.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/**
 * Activities from the server. Every change invalidates everything built from activities (lists, the
 * calendar, timelines, daily logs, and leads, whose SLA and timeline an activity may move).
 */

export type ActivityQuery = Partial<z.input<typeof listActivities.query>>;

export const ACTIVITY_ROOTS = ['activities', 'calendar', 'timeline', 'daily-logs', 'leads', 'customers'];

export function useActivities(query: ActivityQuery, options: { enabled?: boolean } = {}) {
  return useInfiniteQuery({
    queryKey: ['activities', 'list', query],
    queryFn: ({ pageParam, signal }) =>
      call(listActivities, { query: { ...query, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
    enabled: options.enabled ?? true,
  });
}

function useActivitiesChanged() {
  const queryClient = useQueryClient();
  return () =>
    queryClient.invalidateQueries({
      predicate: (q) => ACTIVITY_ROOTS.includes(String(q.queryKey[0])),
    });
}

export function useCreateActivity() {
  const changed = useActivitiesChanged();
  return useMutation({
    mutationFn: (body: z.input<typeof createActivity.body>) => call(createActivity, { body }),
    onSuccess: () => changed(),
  });
}

export function useUpdateActivity() {
  const changed = useActivitiesChanged();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateActivity.body>) =>
      call(updateActivity, { params: { id }, body }),
    onSuccess: () => changed(),
  });
}

export function useSetTaskDone() {
  const changed = useActivitiesChanged();
  return useMutation({
    mutationFn: ({ activity, done }: { activity: ActivityItem; done: boolean }) =>
      call(done ? completeTask : reopenTask, {
        params: { id: activity.id },
        body: { version: activity.version },
      }),
    onSuccess: () => changed(),
  });
}

export function useDeleteActivity() {
  const changed = useActivitiesChanged();
  return useMutation({
    mutationFn: (id: string) => call(deleteActivity, { params: { id } }),
    onSuccess: () => changed(),
  });
}

/** The people whose calendar and logs the user may open: themselves first. */
export function usePeople() {
  return useQuery({
    queryKey: ['activities', 'people'],
    queryFn: ({ signal }) => call(listOverseenPeople, { signal }),
    staleTime: 5 * 60_000,
  });
}
