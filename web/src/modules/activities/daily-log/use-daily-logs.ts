import {
  type DailyLog,
  getDailyLog,
  getWeeklyReview,
  listDailyLogs,
  reviewDailyLog,
  saveDailyLog,
  submitDailyLog,
} from '@contracts/activities.contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

const logKey = (day: string, userId: string | undefined) =>
  ['daily-logs', 'one', day, userId ?? 'me'] as const;

export function useDailyLog(day: string, userId?: string) {
  return useQuery({
    queryKey: logKey(day, userId),
    queryFn: ({ signal }) => call(getDailyLog, { params: { day }, query: { userId }, signal }),
  });
}

/** A saved, submitted or reviewed log: show it at once, and let the team lists reload. */
function useLogChanged() {
  const queryClient = useQueryClient();
  return (log: DailyLog, ownLog: boolean) => {
    queryClient.setQueryData(logKey(log.day, ownLog ? undefined : log.userId), log);
    return queryClient.invalidateQueries({
      predicate: (q) => q.queryKey[0] === 'daily-logs' && q.queryKey[1] !== 'one',
    });
  };
}

export function useSaveDailyLog() {
  const changed = useLogChanged();
  return useMutation({
    mutationFn: ({ day, ...body }: { day: string } & z.input<typeof saveDailyLog.body>) =>
      call(saveDailyLog, { params: { day }, body }),
    onSuccess: (log) => changed(log, true),
  });
}

export function useSubmitDailyLog() {
  const changed = useLogChanged();
  return useMutation({
    mutationFn: ({ day, version }: { day: string; version: number }) =>
      call(submitDailyLog, { params: { day }, body: { version } }),
    onSuccess: (log) => changed(log, true),
  });
}

export function useReviewDailyLog() {
  const changed = useLogChanged();
  return useMutation({
    mutationFn: ({ day, ...body }: { day: string } & z.input<typeof reviewDailyLog.body>) =>
      call(reviewDailyLog, { params: { day }, body }),
    onSuccess: (log) => changed(log, false),
  });
}

export function useDailyLogList(query: { from: string; to: string; teamId?: string | undefined }) {
  return useQuery({
    queryKey: ['daily-logs', 'list', query],
    queryFn: ({ signal }) => call(listDailyLogs, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useWeeklyReview(query: { weekStart: string; userId?: string | undefined }) {
  return useQuery({
    queryKey: ['daily-logs', 'week', query],
    queryFn: ({ signal }) => call(getWeeklyReview, { query, signal }),
    placeholderData: keepPreviousData,
  });
}
