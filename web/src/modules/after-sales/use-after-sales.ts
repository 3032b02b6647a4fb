import {
  type Complaint,
  createComplaint,
  getCustomerUsage,
  listComplaints,
  patchComplaint,
} from '@contracts/after-sales.contract';
import { refreshCustomerRetention } from '@contracts/retention.contract';
import {
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** Server state of after-sales: complaints (the lists and the writes) and a customer's reported usage. */

const KEY = ['complaints'] as const;

export type ComplaintListQuery = Omit<Partial<z.input<typeof listComplaints.query>>, 'cursor'>;

export function useComplaintList(query: ComplaintListQuery) {
  return useInfiniteQuery({
    queryKey: [...KEY, 'list', query],
    initialPageParam: undefined as string | undefined,
    queryFn: ({ signal, pageParam }) =>
      call(listComplaints, { query: { ...query, cursor: pageParam }, signal }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Usage over the last two windows of `windowDays` (the health rule's usageWindowDays once it is known). */
export function useCustomerUsage(customerId: string, windowDays: number | undefined) {
  return useQuery({
    queryKey: ['customers', 'usage', customerId, windowDays],
    queryFn: ({ signal }) =>
      call(getCustomerUsage, {
        params: { id: customerId },
        query: windowDays === undefined ? {} : { windowDays },
        signal,
      }),
    enabled: windowDays !== undefined,
  });
}

/**
 * An open complaint takes points off the customer's health, so a write has the customer's health recomputed
 * now (rather than at the nightly recompute) and reads the complaint lists, that customer's retention (health
 * card) and the customers area that shows the score again.
 */
async function afterComplaintWrite(client: QueryClient, complaint: Complaint): Promise<void> {
  // The complaint is stored either way; a caller who may not refresh the customer waits for the nightly run.
  await call(refreshCustomerRetention, { params: { id: complaint.customerId } }).catch(() => undefined);
  await Promise.all([
    client.invalidateQueries({ queryKey: KEY }),
    client.invalidateQueries({ queryKey: ['customers', 'retention', complaint.customerId] }),
    client.invalidateQueries({ queryKey: ['customers', 'list'] }),
  ]);
}

export function useCreateComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createComplaint.body>) => call(createComplaint, { body }),
    onSuccess: (complaint) => afterComplaintWrite(client, complaint),
  });
}

/** Edits, resolves (status `resolved` with a resolution) or reopens (status `open`) a complaint. */
export function usePatchComplaint() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof patchComplaint.body>) =>
      call(patchComplaint, { params: { id }, body }),
    onSuccess: (complaint) => afterComplaintWrite(client, complaint),
  });
}
