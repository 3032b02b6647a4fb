import {
  type CustomerTagColor,
  createCustomerTag,
  deleteCustomerTag,
  listCustomerTags,
  updateCustomerTag,
} from '@contracts/customers.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { z } from 'zod';
import { call } from '../../api/http';

/** The company's managed customer tags; a company has few, read in one request and kept. */
export function useCustomerTags() {
  return useQuery({
    queryKey: ['customerTags'],
    queryFn: ({ signal }) => call(listCustomerTags, { signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

/** Colour of each managed tag by name; free tags have none. */
export function useTagColors(): Map<string, CustomerTagColor> {
  const tags = useCustomerTags();
  return useMemo(() => new Map((tags.data ?? []).map((tag) => [tag.name, tag.color])), [tags.data]);
}

/** A rename changes the tags on customers too, so customer reads are refreshed with the list. */
function useRefresh() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: ['customerTags'] }),
      queryClient.invalidateQueries({ queryKey: ['customers'] }),
    ]);
}

export function useCreateCustomerTag() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof createCustomerTag.body>) => call(createCustomerTag, { body }),
    onSuccess: refresh,
  });
}

export function useUpdateCustomerTag() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateCustomerTag.body>) =>
      call(updateCustomerTag, { params: { id }, body }),
    onSuccess: refresh,
  });
}

export function useDeleteCustomerTag() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => call(deleteCustomerTag, { params: { id } }),
    onSuccess: refresh,
  });
}
