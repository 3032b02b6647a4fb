import {
  createEmailTemplate,
  deleteEmailTemplate,
  listEmailTemplates,
  previewEmail,
  sendEmail,
  updateEmailTemplate,
} from '@contracts/email.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

export function useEmailTemplates() {
  return useQuery({
    queryKey: ['email-templates'],
    queryFn: ({ signal }) => call(listEmailTemplates, { signal }),
    select: (data) => data.items,
  });
}

function useTemplateMutation<I, O>(fn: (input: I) => Promise<O>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['email-templates'] }),
  });
}

export function useCreateEmailTemplate() {
  return useTemplateMutation((body: z.input<typeof createEmailTemplate.body>) =>
    call(createEmailTemplate, { body }),
  );
}

export function useUpdateEmailTemplate() {
  return useTemplateMutation(({ id, ...body }: { id: string } & z.input<typeof updateEmailTemplate.body>) =>
    call(updateEmailTemplate, { params: { id }, body }),
  );
}

export function useDeleteEmailTemplate() {
  return useTemplateMutation((id: string) => call(deleteEmailTemplate, { params: { id } }));
}

export function usePreviewEmail() {
  return useMutation({
    mutationFn: (body: z.input<typeof previewEmail.body>) => call(previewEmail, { body }),
  });
}

/** Sending logs an email on the contact's and customer's timeline: those views refresh. */
export function useSendEmail() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof sendEmail.body>) => call(sendEmail, { body }),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ['timeline'] }),
        queryClient.invalidateQueries({ queryKey: ['activities'] }),
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
      ]),
  });
}
