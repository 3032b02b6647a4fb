import { getTenantSettings, updateTenantSettings } from '@contracts/tenant.contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';
import { meQueryKey } from '../auth/me-query';

const settingsKey = ['tenant', 'settings'] as const;

export function useTenantSettings() {
  return useQuery({ queryKey: settingsKey, queryFn: ({ signal }) => call(getTenantSettings, { signal }) });
}

export function useUpdateTenantSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof updateTenantSettings.body>) => call(updateTenantSettings, { body }),
    onSuccess: (settings) => {
      queryClient.setQueryData(settingsKey, settings);
      // The session carries the tenant's name, zone and default language.
      return queryClient.invalidateQueries({ queryKey: meQueryKey });
    },
  });
}
