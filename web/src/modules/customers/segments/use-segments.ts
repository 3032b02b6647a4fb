import {
  createCustomerSegment,
  deleteCustomerSegment,
  listCustomerSegments,
} from '@contracts/customer-segments.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

export function useSegments() {
  return useQuery({
    queryKey: ['customer-segments'],
    queryFn: ({ signal }) => call(listCustomerSegments, { signal }),
    select: (data) => data.items,
  });
}

function useSegmentMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customer-segments'] }),
  });
}

export function useCreateSegment() {
  return useSegmentMutation((body: z.input<typeof createCustomerSegment.body>) =>
    call(createCustomerSegment, { body }),
  );
}

export function useDeleteSegment() {
  return useSegmentMutation((id: string) => call(deleteCustomerSegment, { params: { id } }));
}
