import { listAuditLog } from '@contracts/audit.contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

export type AuditFilters = Pick<
  z.input<typeof listAuditLog.query>,
  'actorId' | 'entity' | 'action' | 'from' | 'to'
>;

const PAGE_SIZE = 50;

export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: ['audit-log', filters],
    queryFn: ({ pageParam, signal }) =>
      call(listAuditLog, { query: { ...filters, limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}
