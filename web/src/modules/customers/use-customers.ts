import { bulkUpdateCustomers } from '@contracts/customer-bulk.contract';
import {
  type Customer,
  checkContactDuplicates,
  checkCustomerDuplicates,
  countCustomers,
  createContact,
  createCustomer,
  deleteContact,
  deleteCustomer,
  getContact,
  getCustomer,
  listContacts,
  listCustomerContacts,
  listCustomerDeals,
  listCustomers,
  updateContact,
  updateCustomer,
} from '@contracts/customers.contract';
import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';
import { useDebounced } from '../leads/list/use-lead-intake';

/** Server state of the customers area: lists page through the cursor API, writes refresh what they touch. */

/** Rows per request: one page fills the screen several times over. */
export const CUSTOMER_PAGE_SIZE = 100;

export type CustomerQuery = Partial<z.input<typeof listCustomers.query>>;
export type ContactQuery = Partial<z.input<typeof listContacts.query>>;

export function useCustomerList(query: CustomerQuery) {
  return useInfiniteQuery({
    queryKey: ['customers', 'list', query],
    queryFn: ({ pageParam, signal }) =>
      call(listCustomers, { query: { ...query, limit: CUSTOMER_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useCustomerCount(query: Omit<CustomerQuery, 'sort'>) {
  return useQuery({
    queryKey: ['customers', 'count', query],
    queryFn: ({ signal }) => call(countCustomers, { query, signal }),
    placeholderData: keepPreviousData,
  });
}

export const customerKey = (id: string) => ['customers', 'detail', id] as const;

export function useCustomer(id: string) {
  return useQuery({
    queryKey: customerKey(id),
    queryFn: ({ signal }) => call(getCustomer, { params: { id }, signal }),
  });
}

/** Every contact of a customer (the relationship map needs them all), read page by page. */
export function useCustomerContacts(customerId: string) {
  return useQuery({
    queryKey: ['customers', 'contacts', customerId],
    queryFn: async ({ signal }) => {
      const items = [];
      let cursor: string | undefined;
      do {
        const page = await call(listCustomerContacts, {
          params: { id: customerId },
          query: { limit: 500, cursor },
          signal,
        });
        items.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return items;
    },
  });
}

export function useCustomerDeals(customerId: string) {
  return useInfiniteQuery({
    queryKey: ['customers', 'deals', customerId],
    queryFn: ({ pageParam, signal }) =>
      call(listCustomerDeals, {
        params: { id: customerId },
        query: { limit: 50, cursor: pageParam },
        signal,
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useContactList(query: ContactQuery) {
  return useInfiniteQuery({
    queryKey: ['customers', 'contactList', query],
    queryFn: ({ pageParam, signal }) =>
      call(listContacts, { query: { ...query, limit: CUSTOMER_PAGE_SIZE, cursor: pageParam }, signal }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    select: (data) => data.pages.flatMap((page) => page.items),
  });
}

export function useContact(id: string | null) {
  return useQuery({
    queryKey: ['customers', 'contact', id],
    queryFn: ({ signal }) => call(getContact, { params: { id: id ?? '' }, signal }),
    enabled: Boolean(id),
  });
}

/** After any write: the customers area reads again (lists, counts, the page, its contacts and map). */
function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['customers'] });
}

export function useCreateCustomer() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof createCustomer.body>) => call(createCustomer, { body }),
    onSuccess: refresh,
  });
}

export function useUpdateCustomer() {
  const queryClient = useQueryClient();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateCustomer.body>) =>
      call(updateCustomer, { params: { id }, body }),
    onSuccess: (customer: Customer) => {
      queryClient.setQueryData(customerKey(customer.id), customer);
      return refresh();
    },
  });
}

export function useDeleteCustomer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(deleteCustomer, { params: { id } }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: customerKey(id) });
      return queryClient.invalidateQueries({ queryKey: ['customers'] });
    },
  });
}

export function useCreateContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (body: z.input<typeof createContact.body>) => call(createContact, { body }),
    onSuccess: refresh,
  });
}

export function useUpdateContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof updateContact.body>) =>
      call(updateContact, { params: { id }, body }),
    onSuccess: refresh,
  });
}

export function useDeleteContact() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => call(deleteContact, { params: { id } }),
    onSuccess: refresh,
  });
}

type CustomerProbe = {
  name?: string;
  legalName?: string;
  creditCode?: string;
  phone?: string;
  excludeId?: string;
};

/** Customers and contacts like the one being typed, asked once typing pauses. */
export function useCustomerDuplicateCheck(probe: CustomerProbe, enabled: boolean) {
  const debounced = useDebounced(probe, 400);
  const body = {
    ...(debounced.name && debounced.name.trim().length >= 2 ? { name: debounced.name.trim() } : {}),
    ...(debounced.legalName?.trim() ? { legalName: debounced.legalName.trim() } : {}),
    ...(debounced.creditCode?.trim().length === 18 ? { creditCode: debounced.creditCode.trim() } : {}),
    ...(debounced.phone?.trim() ? { phone: debounced.phone.trim() } : {}),
    ...(debounced.excludeId ? { excludeId: debounced.excludeId } : {}),
  };
  return useQuery({
    queryKey: ['customers', 'duplicates', body],
    queryFn: ({ signal }) => call(checkCustomerDuplicates, { body, signal }),
    enabled: enabled && Boolean(body.name || body.legalName || body.creditCode || body.phone),
    placeholderData: keepPreviousData,
    select: (data) => data.matches,
    retry: false,
  });
}

type ContactProbe = { phone?: string; email?: string; excludeId?: string };

export function useContactDuplicateCheck(probe: ContactProbe, enabled: boolean) {
  const debounced = useDebounced(probe, 400);
  const body = {
    ...(debounced.phone?.trim() ? { phone: debounced.phone.trim() } : {}),
    ...(debounced.email?.trim() ? { email: debounced.email.trim() } : {}),
    ...(debounced.excludeId ? { excludeId: debounced.excludeId } : {}),
  };
  return useQuery({
    queryKey: ['customers', 'contactDuplicates', body],
    queryFn: ({ signal }) => call(checkContactDuplicates, { body, signal }),
    enabled: enabled && Boolean(body.phone || body.email),
    placeholderData: keepPreviousData,
    select: (data) => data.matches,
    retry: false,
  });
}

/** A bulk change: every customer list, count, pool page and profile may show what it touched. */
export function useBulkUpdateCustomers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof bulkUpdateCustomers.body>) => call(bulkUpdateCustomers, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['customers'] }),
  });
}
