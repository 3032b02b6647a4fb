import { listNotifications, markNotificationsRead } from '@contracts/notifications.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

const KEY = ['notifications', 'latest'] as const;

/** How many of the newest notifications the bell lists. */
export const BELL_SIZE = 20;

/** The newest notifications and the unread count, refreshed every 30 s and when the window regains focus. */
export function useNotifications() {
  return useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => call(listNotifications, { query: { limit: BELL_SIZE }, signal }),
    refetchInterval: 30_000,
    refetchOnWindowFocus: true,
  });
}

export function useMarkNotificationsRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof markNotificationsRead.body>) => call(markNotificationsRead, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  });
}
