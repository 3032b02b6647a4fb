import { bulkUpdateLeads, checkLeadDuplicates, createLead } from '@contracts/leads.contract';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { z } from 'zod';
import { call } from '../../../api/http';

export function useCreateLead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof createLead.body>) => call(createLead, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['leads'] }),
  });
}

export function useBulkUpdateLeads() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof bulkUpdateLeads.body>) => call(bulkUpdateLeads, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['leads'] }),
  });
}

export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

export type DuplicateProbe = { phone?: string; email?: string; companyName?: string; excludeId?: string };

/** Matches for what is being typed, asked once typing pauses; nothing is asked for empty input. */
export function useDuplicateCheck(probe: DuplicateProbe) {
  const phone = probe.phone?.trim() ?? '';
  const email = probe.email?.trim() ?? '';
  const companyName = probe.companyName?.trim() ?? '';
  const debounced = {
    phone: useDebounced(phone, 400),
    email: useDebounced(email, 400),
    companyName: useDebounced(companyName, 400),
  };
  const body = {
    ...(debounced.phone ? { phone: debounced.phone } : {}),
    ...(debounced.email ? { email: debounced.email } : {}),
    ...(debounced.companyName.length >= 2 ? { companyName: debounced.companyName } : {}),
    ...(probe.excludeId ? { excludeId: probe.excludeId } : {}),
  };
  const enabled = Boolean(body.phone || body.email || body.companyName);
  return useQuery({
    queryKey: ['leads', 'duplicates', body],
    queryFn: ({ signal }) => call(checkLeadDuplicates, { body, signal }),
    enabled,
    placeholderData: keepPreviousData,
    select: (data) => data.matches,
  });
}
