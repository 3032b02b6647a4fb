import {
  createCalendarFeed,
  deleteCalendarFeed,
  getCalendar,
  getCalendarFeed,
} from '@contracts/activities.contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call } from '../../../api/http';

type CalendarQuery = { from: string; to: string; userId?: string | undefined };

export function useCalendar(query: CalendarQuery) {
  return useQuery({
    queryKey: ['calendar', 'range', query],
    queryFn: ({ signal }) => call(getCalendar, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

const feedKey = ['calendar', 'feed'] as const;

export function useCalendarFeed() {
  return useQuery({ queryKey: feedKey, queryFn: ({ signal }) => call(getCalendarFeed, { signal }) });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(createCalendarFeed, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}

export function useDeleteCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => call(deleteCalendarFeed, {}),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: feedKey }),
  });
}
