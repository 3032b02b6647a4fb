import {
  getAgeing,
  getCustomerTransactions,
  getPaymentPlan,
  getReceivableSettings,
  issueInvoice,
  listInvoices,
  listPayments,
  listRenewals,
  openRenewalDeal,
  putPaymentPlan,
  recordPayment,
  reversePayment,
  setInvoiceStatus,
} from '@contracts/receivables.contract';
import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { call } from '../../api/http';

/** Server state of receivables; every write refreshes the contract's cash, the ageing and the customer's page. */

async function refreshCash(queryClient: QueryClient): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: ['receivables'] }),
    queryClient.invalidateQueries({ queryKey: ['customers', 'transactions'] }),
  ]);
}

export function usePaymentPlan(contractId: string) {
  return useQuery({
    queryKey: ['receivables', 'plan', contractId],
    queryFn: ({ signal }) => call(getPaymentPlan, { params: { id: contractId }, signal }),
  });
}

export function useContractPayments(contractId: string) {
  return useQuery({
    queryKey: ['receivables', 'payments', contractId],
    queryFn: ({ signal }) => call(listPayments, { query: { contractId }, signal }),
  });
}

export function useContractInvoices(contractId: string) {
  return useQuery({
    queryKey: ['receivables', 'invoices', contractId],
    queryFn: ({ signal }) => call(listInvoices, { query: { contractId }, signal }),
  });
}

export function useAgeing() {
  return useQuery({
    queryKey: ['receivables', 'ageing'],
    queryFn: ({ signal }) => call(getAgeing, { signal }),
  });
}

export function useRenewals(within: number) {
  return useQuery({
    queryKey: ['receivables', 'renewals', within],
    queryFn: ({ signal }) => call(listRenewals, { query: { within }, signal }),
  });
}

export function useReceivableSettings() {
  return useQuery({
    queryKey: ['receivables', 'settings'],
    queryFn: ({ signal }) => call(getReceivableSettings, { signal }),
  });
}

export function useCustomerTransactions(customerId: string) {
  return useQuery({
    queryKey: ['customers', 'transactions', customerId],
    queryFn: ({ signal }) => call(getCustomerTransactions, { params: { id: customerId }, signal }),
  });
}

export function useSavePlan(contractId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof putPaymentPlan.body>) =>
      call(putPaymentPlan, { params: { id: contractId }, body }),
    onSuccess: () => refreshCash(queryClient),
  });
}

export function useRecordPayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof recordPayment.body>) => call(recordPayment, { body }),
    onSuccess: () => refreshCash(queryClient),
  });
}

export function useReversePayment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => call(reversePayment, { params: { id } }),
    onSuccess: () => refreshCash(queryClient),
  });
}

export function useIssueInvoice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof issueInvoice.body>) => call(issueInvoice, { body }),
    onSuccess: () => refreshCash(queryClient),
  });
}

export function useSetInvoiceStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: { id: string } & z.input<typeof setInvoiceStatus.body>) =>
      call(setInvoiceStatus, { params: { id }, body }),
    onSuccess: () => refreshCash(queryClient),
  });
}

export function useOpenRenewalDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (contractId: string) => call(openRenewalDeal, { params: { id: contractId } }),
    onSuccess: () => refreshCash(queryClient),
  });
}
