import {
  createLeadForm,
  deleteLeadForm,
  getLeadForm,
  listLeadFormSubmissions,
  listLeadForms,
  updateLeadForm,
} from '@contracts/marketing.contract';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

const PAGE_SIZE = 50;

export function useLeadFormList() {
  return useInfiniteQuery({
    queryKey: ['lead-forms', 'list'],
    queryFn: ({ pageParam, signal }) =>
      call(listLeadForms, { query: { limit: PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useLeadForm(id: string | undefined) {
  return useQuery({
    queryKey: ['lead-forms', 'one', id],
    queryFn: ({ signal }) => call(getLeadForm, { params: { id: id ?? '' }, signal }),
    enabled: Boolean(id),
  });
}

export function useFormSubmissions(formId: string) {
  return useInfiniteQuery({
    queryKey: ['lead-forms', 'submissions', formId],
    queryFn: ({ pageParam, signal }) =>
      call(listLeadFormSubmissions, {
        params: { id: formId },
        query: { limit: PAGE_SIZE, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

function useFormsMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['lead-forms'] }),
  });
}

export function useCreateLeadForm() {
  return useFormsMutation((body: z.input<typeof createLeadForm.body>) => call(createLeadForm, { body }));
}

export function useUpdateLeadForm() {
  return useFormsMutation(({ id, ...body }: { id: string } & z.input<typeof updateLeadForm.body>) =>
    call(updateLeadForm, { params: { id }, body }),
  );
}

export function useDeleteLeadForm() {
  return useFormsMutation((id: string) => call(deleteLeadForm, { params: { id } }));
}
