import {
  type CustomFieldObject,
  createCustomField,
  listCustomFields,
  updateCustomField,
} from '@contracts/custom-fields.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** The company's custom fields of one object, in form order (switched-off ones included). */
export function useCustomFields(object: CustomFieldObject) {
  return useQuery({
    queryKey: ['custom-fields', object],
    queryFn: ({ signal }) => call(listCustomFields, { query: { object }, signal }),
    select: (data) => data.items,
    staleTime: 60_000,
  });
}

function useFieldMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['custom-fields'] }),
  });
}

export function useCreateCustomField() {
  return useFieldMutation((body: z.input<typeof createCustomField.body>) =>
    call(createCustomField, { body }),
  );
}

export function useUpdateCustomField() {
  return useFieldMutation(({ id, ...body }: { id: string } & z.input<typeof updateCustomField.body>) =>
    call(updateCustomField, { params: { id }, body }),
  );
}
