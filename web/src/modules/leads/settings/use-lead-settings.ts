import { getLeadSettings, updateLeadSettings } from '@contracts/leads.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../../api/http';

export function useLeadSettings() {
  return useQuery({
    queryKey: ['lead-settings'],
    queryFn: ({ signal }) => call(getLeadSettings, { signal }),
  });
}

export function useUpdateLeadSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof updateLeadSettings.body>) => call(updateLeadSettings, { body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(['lead-settings'], settings);
      return queryClient.invalidateQueries({ queryKey: ['lead-routing', 'nurture-tracks'] });
    },
  });
}
